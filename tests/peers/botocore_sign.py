"""Signs URLs with botocore's CloudFrontSigner, the reference peer.

Reads a JSON list of cases on standard input, each
{"url", "key_file", "key_pair_id", "expires", "not_before"?, "ip_address"?, "resource"?},
and prints a JSON list of the signed URLs. RSA with SHA-1, as botocore does.
"""

import json
import sys
from datetime import datetime, timezone

from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def rsa_signer_for(key_file):
    with open(key_file, "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), password=None)
    return lambda message: key.sign(message, padding.PKCS1v15(), hashes.SHA1())


def at(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def sign(case):
    signer = CloudFrontSigner(case["key_pair_id"], rsa_signer_for(case["key_file"]))
    custom = any(case.get(k) is not None for k in ("not_before", "ip_address", "resource"))
    if not custom:
        return signer.generate_presigned_url(case["url"], date_less_than=at(case["expires"]))
    policy = signer.build_policy(
        case.get("resource") or case["url"],
        at(case["expires"]),
        date_greater_than=at(case["not_before"]) if case.get("not_before") is not None else None,
        ip_address=case.get("ip_address"),
    )
    return signer.generate_presigned_url(case["url"], policy=policy)


if __name__ == "__main__":
    print(json.dumps([sign(case) for case in json.load(sys.stdin)]))
