// The official openai npm client over HTTPS, trusting the test's CA through NODE_EXTRA_CA_CERTS. Run by TlsIT:
//   NODE_EXTRA_CA_CERTS=ca.crt node tls-models.mjs <https baseURL> <a service name it must list>
import OpenAI from 'openai';

const [baseURL, expected] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0, timeout: 30_000 });
const ids = [];
for await (const m of client.models.list()) ids.push(m.id);
if (!ids.includes(expected)) {
  console.log(`FAIL models.list over https: ${JSON.stringify(ids)} lacks ${expected}`);
  process.exit(1);
}
console.log(`ok   models.list over https names ${expected}`);
