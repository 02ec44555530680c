"""Drives the fake's STS with the real AWS SDK for Python (boto3/botocore).

Usage: python sts_conformance.py BASE_URL

botocore signs every call itself (SigV4), so the fake's acceptance proves its verifier agrees
with botocore, and its refusals must surface as the right botocore error codes. Also checks
botocore's own AssumeRole credential provider (role_arn + source_profile) against the fake.
Every check prints "ok <name>" or "FAIL <name>: <why>"; the exit status is 0 only when all
passed. Time moves only through the fake's /_fake/clock control. Secrets are never printed.
"""

import hashlib
import http.client
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
import urllib.parse

BASE = sys.argv[1].rstrip("/")
os.environ["AWS_ENDPOINT_URL_SSO"] = BASE
os.environ["AWS_ENDPOINT_URL_SSO_OIDC"] = BASE
os.environ["AWS_ENDPOINT_URL_STS"] = BASE
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
             "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION",
             "AWS_STS_REGIONAL_ENDPOINTS"):
    os.environ.pop(name, None)
HOME = tempfile.mkdtemp(prefix="fake-sts-conformance-home-")
os.environ["HOME"] = HOME
os.environ["AWS_CONFIG_FILE"] = os.path.join(HOME, ".aws", "config")
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(HOME, ".aws", "credentials")

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"FAIL import: boto3/botocore are not importable ({error}). Run scripts/bootstrap --test.")
    sys.exit(3)

PARSED = urllib.parse.urlparse(BASE)
REGION = "eu-central-1"
START_URL = "https://d-9a6f3c21b7.awsapps.com/start"
USER = "jane.doe@acme.example"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def control(method, path, body=None):
    connection = http.client.HTTPConnection(PARSED.hostname, PARSED.port, timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, "/_fake/" + path, body=data,
                       headers={"Content-Type": "application/json"} if data else {})
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    if response.status != 200:
        raise AssertionError(f"control {method} {path} answered {response.status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


ORGANISATION = control("GET", "organisation")["accounts"]
ACCOUNT = ORGANISATION[0]
OTHER = ORGANISATION[1]
ROLE = ACCOUNT["roles"][0]
TOKEN = control("POST", "token-cache", {"startUrl": START_URL, "sessionName": "acme",
                                        "region": REGION})


def role_credentials():
    """Fresh Identity Center role credentials from the fake's portal, through boto3."""
    sso = boto3.session.Session(region_name=REGION).client("sso", config=NO_RETRIES)
    return sso.get_role_credentials(accessToken=TOKEN["accessToken"],
                                    accountId=ACCOUNT["accountId"],
                                    roleName=ROLE)["roleCredentials"]


def sts(key, secret, token, config=NO_RETRIES):
    return boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                 aws_session_token=token, region_name=REGION).client(
                                     "sts", config=config)


def sts_for(credentials, config=NO_RETRIES):
    return sts(credentials["accessKeyId"], credentials["secretAccessKey"],
               credentials["sessionToken"], config)


def expect_code(code, status, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as error:
        got = error.response["Error"].get("Code")
        got_status = error.response["ResponseMetadata"].get("HTTPStatusCode")
        check(got == code and got_status == status,
              f"expected {code} ({status}), got {got} ({got_status})")
        return error.response["Error"].get("Message", "")
    raise AssertionError(f"expected {code}, the call succeeded")


def reserved_role_pattern(account, role):
    return (rf"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{re.escape(role)}_"
            rf"[0-9a-f]{{16}}/{re.escape(USER)}$")


# ---------------------------------------------------------------- signed calls accepted

def test_get_caller_identity():
    identity = sts_for(role_credentials()).get_caller_identity()
    check(identity["Account"] == ACCOUNT["accountId"], "account")
    check(re.match(reserved_role_pattern(ACCOUNT["accountId"], ROLE), identity["Arn"]),
          f"ARN shaped like Identity Center's: {identity['Arn']}")
    check(re.match(rf"^AROA[A-Z2-7]{{17}}:{re.escape(USER)}$", identity["UserId"]), "UserId")
    again = sts_for(role_credentials()).get_caller_identity()
    check(again["Arn"] == identity["Arn"], "the reserved role's hex is stable")


def test_get_caller_identity_as_a_get_request():
    """STS accepts the query protocol as GET too; botocore can be made to send one."""
    client = sts_for(role_credentials())

    def to_get(request, **_):
        body = request.body
        query = body.decode() if isinstance(body, bytes) else body
        request.method = "GET"
        request.url = request.url.rstrip("/") + "/?" + query
        request.data = b""
        if "Content-Type" in request.headers:
            del request.headers["Content-Type"]
    client.meta.events.register("before-sign.sts.GetCallerIdentity", to_get)
    check(client.get_caller_identity()["Account"] == ACCOUNT["accountId"], "GET accepted")


def test_assume_role_and_use_the_new_credentials():
    role_arn = f"arn:aws:iam::{OTHER['accountId']}:role/Deploy"
    answer = sts_for(role_credentials()).assume_role(
        RoleArn=role_arn, RoleSessionName="conformance", DurationSeconds=900,
        Tags=[{"Key": "team", "Value": "platform"}])
    user = answer["AssumedRoleUser"]
    check(user["Arn"] == f"arn:aws:sts::{OTHER['accountId']}:assumed-role/Deploy/conformance",
          f"assumed-role ARN: {user['Arn']}")
    check(user["AssumedRoleId"].startswith("AROA") and user["AssumedRoleId"].endswith(":conformance"),
          "AssumedRoleId")
    credentials = answer["Credentials"]
    check(credentials["AccessKeyId"].startswith("ASIA"), "temporary key")
    check(hasattr(credentials["Expiration"], "tzinfo"), "Expiration parsed as a timestamp")
    check(answer.get("PackedPolicySize", 0) > 0, "PackedPolicySize with tags")
    chained = sts(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                  credentials["SessionToken"])
    check(chained.get_caller_identity()["Arn"] == user["Arn"], "the new credentials work")
    # And chained once more, back into the first account.
    again = chained.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT['accountId']}:role/ReadOnly",
                                RoleSessionName="second-hop")
    check(again["AssumedRoleUser"]["Arn"].endswith(":assumed-role/ReadOnly/second-hop"), "2 hops")


def test_chained_sessions_last_at_most_one_hour():
    message = expect_code("ValidationError", 400, sts_for(role_credentials()).assume_role,
                          RoleArn=f"arn:aws:iam::{OTHER['accountId']}:role/Deploy",
                          RoleSessionName="too-long", DurationSeconds=7200)
    check("1 hour session limit for roles assumed by role chaining" in message, message)


def test_bad_session_name_is_a_validation_error():
    expect_code("ValidationError", 400, sts_for(role_credentials()).assume_role,
                RoleArn=f"arn:aws:iam::{OTHER['accountId']}:role/Deploy",
                RoleSessionName="has space")


# ---------------------------------------------------------------- refusals

def test_tampered_signature():
    client = sts_for(role_credentials())

    def tamper(request, **_):
        header = request.headers["Authorization"]
        text = header.decode() if isinstance(header, bytes) else header
        last = text[-1]
        request.headers["Authorization"] = text[:-1] + ("0" if last != "0" else "1")
    client.meta.events.register("before-send.sts.GetCallerIdentity", tamper)
    expect_code("SignatureDoesNotMatch", 403, client.get_caller_identity)


def test_tampered_body():
    client = sts_for(role_credentials())

    def tamper(request, **_):
        body = request.body if isinstance(request.body, bytes) else request.body.encode()
        request.body = body.replace(b"Version=2011-06-15", b"Version=2011-06-16")
    client.meta.events.register("before-send.sts.GetCallerIdentity", tamper)
    expect_code("SignatureDoesNotMatch", 403, client.get_caller_identity)


def test_unknown_key():
    credentials = role_credentials()
    expect_code("InvalidClientTokenId", 403,
                sts("ASIAUNKNOWNKEY0000000", credentials["secretAccessKey"],
                    credentials["sessionToken"]).get_caller_identity)


def test_missing_session_token():
    credentials = role_credentials()
    expect_code("InvalidClientTokenId", 403,
                sts(credentials["accessKeyId"], credentials["secretAccessKey"], None)
                .get_caller_identity)


def test_expired_credentials():
    credentials = role_credentials()
    control("POST", "credentials/expire", {"accessKeyId": credentials["accessKeyId"]})
    message = expect_code("ExpiredToken", 400, sts_for(credentials).get_caller_identity)
    check("expired" in message, message)


def test_unsigned_request():
    client = boto3.session.Session(region_name=REGION).client(
        "sts", config=Config(signature_version=botocore_unsigned(), retries={"total_max_attempts": 1}))
    expect_code("MissingAuthenticationToken", 403, client.get_caller_identity)


def botocore_unsigned():
    from botocore import UNSIGNED
    return UNSIGNED


def test_clock_skew_beyond_fifteen_minutes():
    credentials = role_credentials()
    control("POST", "clock", {"advanceSeconds": 20 * 60})
    try:
        message = expect_code("SignatureDoesNotMatch", 403, sts_for(credentials).get_caller_identity)
        check(message.startswith("Signature expired:") and "15 min." in message, message)
    finally:
        control("POST", "clock", {"advanceSeconds": -20 * 60})
    check(sts_for(credentials).get_caller_identity()["Account"] == ACCOUNT["accountId"],
          "in time again")


def test_access_denied_names_caller_and_role():
    guarded = f"arn:aws:iam::{OTHER['accountId']}:role/Guarded"
    control("POST", "role-trust", {"roleArn": guarded,
                                   "trustedCallers": [{"account": "000000000000"}]})
    try:
        client = sts_for(role_credentials())
        caller = client.get_caller_identity()["Arn"]
        message = expect_code("AccessDenied", 403, client.assume_role, RoleArn=guarded,
                              RoleSessionName="denied")
        check(message == f"User: {caller} is not authorized to perform: sts:AssumeRole on "
                         f"resource: {guarded}", message)
    finally:
        control("DELETE", "role-trust", {"roleArn": guarded})


def test_external_id_and_mfa():
    guarded = f"arn:aws:iam::{OTHER['accountId']}:role/Partner"
    control("POST", "role-trust", {"roleArn": guarded, "externalId": "ext-4711",
                                   "mfaCode": "123456"})
    try:
        client = sts_for(role_credentials())
        serial = f"arn:aws:iam::{ACCOUNT['accountId']}:mfa/jane"
        expect_code("AccessDenied", 403, client.assume_role, RoleArn=guarded,
                    RoleSessionName="partner", SerialNumber=serial, TokenCode="123456")
        expect_code("AccessDenied", 403, client.assume_role, RoleArn=guarded,
                    RoleSessionName="partner", ExternalId="ext-4711")
        expect_code("AccessDenied", 403, client.assume_role, RoleArn=guarded,
                    RoleSessionName="partner", ExternalId="ext-4711", SerialNumber=serial,
                    TokenCode="000000")
        answer = client.assume_role(RoleArn=guarded, RoleSessionName="partner",
                                    ExternalId="ext-4711", SerialNumber=serial, TokenCode="123456")
        check(answer["AssumedRoleUser"]["Arn"].endswith(":assumed-role/Partner/partner"), "assumed")
    finally:
        control("DELETE", "role-trust", {"roleArn": guarded})


def test_throttling_is_retried_by_botocore():
    credentials = role_credentials()
    control("POST", "faults", {"operation": "GetCallerIdentity", "error": "Throttling", "count": 1})
    expect_code("Throttling", 400, sts_for(credentials).get_caller_identity)
    control("POST", "faults", {"operation": "GetCallerIdentity", "error": "Throttling", "count": 1})
    retrying = sts_for(credentials, Config(retries={"total_max_attempts": 3, "mode": "standard"}))
    check(retrying.get_caller_identity()["Account"] == ACCOUNT["accountId"], "retried")


# ---------------------------------------------------------------- botocore's own chaining

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def test_botocore_assume_role_provider_from_an_sso_profile_and_static_keys():
    write(os.path.join(HOME, ".aws", "sso", "cache", TOKEN["fileName"]), TOKEN["contents"])
    credentials = role_credentials()
    write(os.environ["AWS_SHARED_CREDENTIALS_FILE"],
          "[static]\n"
          f"aws_access_key_id = {credentials['accessKeyId']}\n"
          f"aws_secret_access_key = {credentials['secretAccessKey']}\n"
          f"aws_session_token = {credentials['sessionToken']}\n")
    deploy = f"arn:aws:iam::{OTHER['accountId']}:role/Deploy"
    partner = f"arn:aws:iam::{OTHER['accountId']}:role/Partner2"
    write(os.environ["AWS_CONFIG_FILE"],
          "[sso-session acme]\n"
          f"sso_start_url = {START_URL}\nsso_region = {REGION}\n"
          "sso_registration_scopes = sso:account:access\n\n"
          "[profile sso-source]\nsso_session = acme\n"
          f"sso_account_id = {ACCOUNT['accountId']}\nsso_role_name = {ROLE}\nregion = {REGION}\n\n"
          f"[profile chained]\nrole_arn = {deploy}\nsource_profile = sso-source\n"
          f"role_session_name = chain-from-sso\nregion = {REGION}\n\n"
          f"[profile chained-static]\nrole_arn = {deploy}\nsource_profile = static\n"
          f"region = {REGION}\n\n"
          f"[profile chained-partner]\nrole_arn = {partner}\nsource_profile = chained\n"
          f"external_id = ext-99\nduration_seconds = 900\nregion = {REGION}\n")
    control("POST", "role-trust", {"roleArn": partner, "externalId": "ext-99"})
    try:
        identity = boto3.session.Session(profile_name="chained").client(
            "sts", config=NO_RETRIES).get_caller_identity()
        check(identity["Arn"] == f"arn:aws:sts::{OTHER['accountId']}:assumed-role/Deploy/"
                                 "chain-from-sso", f"sso source: {identity['Arn']}")
        identity = boto3.session.Session(profile_name="chained-static").client(
            "sts", config=NO_RETRIES).get_caller_identity()
        check(re.match(rf"^arn:aws:sts::{OTHER['accountId']}:assumed-role/Deploy/"
                       r"botocore-session-\d+$", identity["Arn"]),
              f"static source, botocore's default session name: {identity['Arn']}")
        identity = boto3.session.Session(profile_name="chained-partner").client(
            "sts", config=NO_RETRIES).get_caller_identity()
        check(":assumed-role/Partner2/botocore-session-" in identity["Arn"],
              f"two hops with an external id: {identity['Arn']}")
    finally:
        control("DELETE", "role-trust", {"roleArn": partner})


def main():
    tests = [value for name, value in globals().items() if name.startswith("test_")]
    failures = 0
    for test in tests:
        try:
            test()
            print(f"ok {test.__name__}")
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures += 1
            print(f"FAIL {test.__name__}: {type(error).__name__}: {error}")
            lines = traceback.format_exc().strip().splitlines()
            print("    " + "\n    ".join(lines[-6:]))
    shutil.rmtree(HOME, ignore_errors=True)
    print(f"summary - {len(tests) - failures} checks ok, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
