// The official openai npm client against Augur's gateway. Run by OpenAiIT:
//   node test.mjs <baseURL> <chat model> <embedding model> <models/tiny-gpt/reference.json>
// Prints one line per check; exits 1 if any failed.
import fs from 'node:fs';
import OpenAI from 'openai';

const [baseURL, chatModel, embedModel, referenceFile] = process.argv.slice(2);
const reference = JSON.parse(fs.readFileSync(referenceFile, 'utf8'));
const greedy = reference.greedy[0];
const chat = reference.chat[0];
const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0, timeout: 60_000 });

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
    process.exitCode = 1;
  }
}

await check('models.list names both services', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert(ids.includes(chatModel) && ids.includes(embedModel), `ids ${JSON.stringify(ids)}`);
});

await check('embeddings.create: unit vectors of 384, usage counted', async () => {
  // The client asks for base64 by default and decodes it: this checks the base64 path too.
  const r = await client.embeddings.create({ model: embedModel, input: ['Hello world', 'The quick brown fox'] });
  assert(r.data.length === 2, `data ${r.data.length}`);
  const v = r.data[1].embedding;
  assert(v.length === 384, `dims ${v.length}`);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  assert(Math.abs(norm - 1) < 1e-4, `norm ${norm}`);
  assert(r.usage.prompt_tokens === 4 + 6, `usage ${JSON.stringify(r.usage)}`);
});

await check('completions.create: greedy text equals the numpy reference', async () => {
  const r = await client.completions.create({ model: chatModel, prompt: greedy.prompt, max_tokens: 24, temperature: 0 });
  assert(r.choices[0].text === greedy.text, `got ${JSON.stringify(r.choices[0].text)}`);
  assert(r.choices[0].finish_reason === 'length', r.choices[0].finish_reason);
  assert(r.usage.completion_tokens === 24 && r.usage.prompt_tokens === greedy.prompt_ids.length,
    JSON.stringify(r.usage));
});

await check('chat.completions.create: the chat template applied, text equals the reference', async () => {
  const r = await client.chat.completions.create({ model: chatModel, messages: chat.messages, max_tokens: 24,
    temperature: 0 });
  assert(r.choices[0].message.role === 'assistant', r.choices[0].message.role);
  assert(r.choices[0].message.content === chat.text, `got ${JSON.stringify(r.choices[0].message.content)}`);
  assert(r.usage.prompt_tokens === chat.prompt_ids.length, JSON.stringify(r.usage));
});

await check('chat.completions.create stream: chunks concatenate to the text, usage last', async () => {
  const stream = await client.chat.completions.create({ model: chatModel, messages: chat.messages, max_tokens: 24,
    temperature: 0, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let chunks = 0;
  let finish = null;
  let usage = null;
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    for (const c of chunk.choices) {
      text += c.delta?.content ?? '';
      if (c.finish_reason) finish = c.finish_reason;
    }
  }
  assert(text === chat.text, `got ${JSON.stringify(text)}`);
  assert(chunks > 5, `only ${chunks} chunks`);
  assert(finish === 'length', `finish ${finish}`);
  assert(usage && usage.completion_tokens === 24, `usage ${JSON.stringify(usage)}`);
});

await check('completions stream with a stop sequence', async () => {
  const stream = await client.completions.create({ model: chatModel, prompt: greedy.prompt, max_tokens: 24,
    temperature: 0, stop: [' again'], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
  assert(text === greedy.text.substring(0, greedy.text.indexOf(' again')), `got ${JSON.stringify(text)}`);
});

await check('an unknown model is a NotFoundError (404)', async () => {
  try {
    await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
    throw new Error('no error');
  } catch (e) {
    assert(e instanceof OpenAI.NotFoundError, `got ${e?.constructor?.name} ${e?.status}`);
    assert(e.error?.code === 'model_not_found' || e.code === 'model_not_found', JSON.stringify(e.error));
  }
});

await check('a bad temperature is a BadRequestError (400) naming the param', async () => {
  try {
    await client.chat.completions.create({ model: chatModel, messages: [{ role: 'user', content: 'hi' }],
      temperature: 5 });
    throw new Error('no error');
  } catch (e) {
    assert(e instanceof OpenAI.BadRequestError, `got ${e?.constructor?.name} ${e?.status}`);
    assert(e.param === 'temperature', `param ${e.param}`);
  }
});
