#!/usr/bin/env bash
# send-mail cost: CPU time and allocations per recipient (BenchmarkDotNet, in-process, in-memory
# adapters, 1,000 recipients x 3 report links), and the Native-AOT binary's peak RSS for the
# same request against moto (real AWS adapters: S3, Secrets Manager, KMS, DynamoDB, SES).
# Usage: tools/bench/send-mail.sh            (RECIPIENTS=200 for a quicker, smaller run; SKIP_BDN=1 to skip BenchmarkDotNet;
#                                              BINARY=path to run a given binary instead of publishing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$(cd "$root/../shared/fixtures" && pwd)
out=$(mktemp -d)
moto_pid=
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT
echo "command: tools/bench/send-mail.sh  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, dotnet $(dotnet --version))" >&2

if [ -z "${SKIP_BDN:-}" ]; then
  CRM_MAIL_FIXTURES="$fixtures" dotnet run -c Release --project "$root/tests/Benchmarks" -- \
    --filter '*SendMailBenchmarks*' --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 \
    || { cat "$out/bdn.log" >&2; exit 1; }
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$out/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/data.json" >/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
python3 - "$fixtures" "$out/event.json" <<'PY'
import boto3, json, sys
fixtures, event_path = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=__import__("os").environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
s3 = boto3.client("s3", **kw); s3.create_bucket(Bucket="reports")
for i in (1, 2, 3): s3.put_object(Bucket="reports", Key=f"2025/08/DN-{i}.pdf", Body=b"x" * 1000)
boto3.client("secretsmanager", **kw).create_secret(Name="cloudfront-key", SecretString=json.dumps({"keyPairId": "KBENCH", "privateKey": open(f"{fixtures}/cloudfront/test-private-key.pem").read()}))
kms = boto3.client("kms", **kw); kms.create_alias(AliasName="alias/dn-unsubscribe", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
boto3.client("ses", **kw).verify_email_identity(EmailAddress="reports@example.com")
boto3.client("sesv2", **kw).create_contact_list(ContactListName="dn-contacts", Topics=[{"TopicName": t, "DisplayName": t, "DefaultSubscriptionStatus": "OPT_IN"} for t in ("financial", "outreach")])
ddb = boto3.client("dynamodb", **kw)
for name, keys in (("token-keys", [("keyId", "HASH")]), ("audit", [("contact", "HASH"), ("sk", "RANGE")]), ("idempotency", [("pk", "HASH")])):
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k, _ in keys], KeySchema=[{"AttributeName": k, "KeyType": t} for k, t in keys])
body = {"to": [f"payee{i}@example.com" for i in range(int(__import__("os").environ.get("RECIPIENTS", "1000")))], "subject": "Your August 2025 statement", "html": "<p>" + "x" * 4000 + "</p>", "text": "x" * 2000,
        "from": "Reports <reports@example.com>", "campaign": {"name": "Statements 2025-08", "type": "financial", "month": "08", "year": "2025"}, "attachReporting": True, "customIds": ["DN-1", "DN-2", "DN-3"]}
json.dump({"resource": "/send-mail", "path": "/send-mail", "httpMethod": "POST", "headers": {"Content-Type": "application/json"}, "multiValueHeaders": None, "queryStringParameters": None,
           "multiValueQueryStringParameters": None, "pathParameters": None, "stageVariables": None, "requestContext": {"requestId": "bench-1", "identity": {"sourceIp": "127.0.0.1", "userAgent": "bench"}},
           "body": json.dumps(body), "isBase64Encoded": False}, open(event_path, "w"))
PY
export SES_CONTACT_LIST_NAME=dn-contacts TOKEN_KEYS_TABLE=token-keys AUDIT_TABLE=audit CONTACT_LEASE_TABLE=contact-leases IDEMPOTENCY_TABLE=idempotency \
  PII_HASH_KEY=$(head -c 32 /dev/urandom | base64) UNSUBSCRIBE_BASE_URL=https://api.example.com/prod UNSUBSCRIBE_MAILBOX=unsubscribe@mail.example.com \
  REPORTS_BUCKET=reports CLOUDFRONT_DOMAIN=d111111abcdef8.cloudfront.net CLOUDFRONT_PRIVATE_KEY_SECRET=cloudfront-key SEND_MAIL_MAX_RECIPIENTS=1000 AWS_LAMBDA_LOG_LEVEL=WARN
# BINARY=path runs that binary (or a wrapper that sets variables for the function alone) instead of publishing.
(cd "$root" && dotnet run --project tools/Cli -- invoke SendMail --event "$out/event.json" --timeout 600 ${BINARY:+--binary "$BINARY"} >"$out/response.json" 2>"$out/invoke.log") || { tail -20 "$out/invoke.log" >&2; exit 1; }

python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
found = glob.glob(f"{out}/bdn/results/*.json")
b = json.load(open(found[0]))["Benchmarks"][0] if found else None
per_us = b["Statistics"]["Median"] / 1000 / 1000 if b else float("nan")
alloc = b["Memory"]["BytesAllocatedPerOperation"] / 1000 if b else float("nan")
line = [l for l in open(f"{out}/invoke.log") if "peak_rss_mb=" in l][-1]
rss = float(re.search(r"peak_rss_mb=([\d.]+)", line).group(1)); ms = float(re.search(r"invoke_ms=([\d.]+)", line).group(1))
results = json.loads(json.load(open(f"{out}/response.json"))["body"])["results"]
sent = sum(r["status"] == "sent" for r in results)
print(f"Command: `tools/bench/send-mail.sh` ({len(results):,} recipients, 3 report links)\n")
print("| measure | value | goal |")
print("|---|---:|---:|")
print(f"| CPU time per recipient (in-process, in-memory adapters, BenchmarkDotNet median) | {per_us:.1f} µs | |")
print(f"| allocations per recipient | {alloc / 1024:.1f} KB | |")
print(f"| AOT binary peak RSS, same request against moto ({sent} sent) | {rss:.1f} MB | ≤ 64 MB |")
print(f"| AOT binary wall time for that request (moto is the bottleneck) | {ms / 1000:.1f} s | |")
PY
