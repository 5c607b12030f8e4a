#!/usr/bin/env python3
"""Credentials for bench/security.sh: an API key with its keys file, and an RS256 JWT with its JWKS.

Usage: security_keys.py DIR ISSUER AUDIENCE
Writes DIR/keys.yaml, DIR/jwks.json, DIR/key.txt (the API key), DIR/token.txt (a JWT valid for a day).
Signing here uses python3-cryptography (Debian); the gateway verifies with smallrye-jwt.
"""
import base64
import hashlib
import json
import os
import secrets
import sys
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def main(out: str, issuer: str, audience: str) -> None:
    key = "augur_" + secrets.token_urlsafe(24)
    with open(os.path.join(out, "key.txt"), "w") as f:
        f.write(key)
    with open(os.path.join(out, "keys.yaml"), "w") as f:
        f.write("keys:\n  - id: bench\n    sha256: %s\n    verbs: [infer]\n    services: ['*']\n"
                "roles:\n  bench: {verbs: [infer], services: ['*']}\n" % hashlib.sha256(key.encode()).hexdigest())
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pub = private.public_key().public_numbers()
    jwk = {"kty": "RSA", "kid": "bench", "alg": "RS256", "use": "sig",
           "n": b64url(int_bytes(pub.n)), "e": b64url(int_bytes(pub.e))}
    with open(os.path.join(out, "jwks.json"), "w") as f:
        json.dump({"keys": [jwk]}, f)
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": "bench"}
    claims = {"iss": issuer, "aud": audience, "sub": "bench", "groups": ["bench"], "iat": now, "exp": now + 86400}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = private.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    with open(os.path.join(out, "token.txt"), "w") as f:
        f.write(signing_input + "." + b64url(signature))


if __name__ == "__main__":
    main(*sys.argv[1:4])
