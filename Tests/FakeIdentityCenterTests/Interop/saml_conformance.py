"""Drives the fake's SAML identity provider and STS AssumeRoleWithSAML with a real client.

Usage: python saml_conformance.py BASE_URL

The sign-in is done as any SP-initiated client does it, with nothing of ssopick's: an
AuthnRequest written here, deflated by zlib (dynamic Huffman blocks, unlike ssopick's
encoder), the HTTP-Redirect binding, the IdP's auto-submitting form read with html.parser and
the Response read with ElementTree. boto3's assume_role_with_saml is the judge of the STS side:
its parameters, the answer's shape (parsed by botocore), and the error codes of a tampered
assertion, a pair the assertion does not list, an audience the role does not allow, a duration
over the role's maximum and an expired assertion. Every check prints "ok <name>" or
"FAIL <name>: <why>"; the exit status is 0 only when all passed. Secrets are never printed.
"""

import base64
import html.parser
import http.client
import json
import os
import re
import sys
import traceback
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime, timedelta, timezone

BASE = sys.argv[1].rstrip("/")
os.environ["AWS_ENDPOINT_URL_STS"] = BASE
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
             "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION",
             "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
    os.environ.pop(name, None)
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

try:
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"FAIL import: boto3/botocore are not importable ({error}). Run scripts/bootstrap --test.")
    sys.exit(3)

PARSED = urllib.parse.urlparse(BASE)
REGION = "eu-central-1"
PROTOCOL = "{urn:oasis:names:tc:SAML:2.0:protocol}"
ASSERTION = "{urn:oasis:names:tc:SAML:2.0:assertion}"
ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role"
ACS = "http://localhost:61234/saml/acs"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(PARSED.hostname, PARSED.port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, payload


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    status, payload = request(method, "/_fake/" + path, data,
                              {"Content-Type": "application/json"} if data else {})
    if status != 200:
        raise AssertionError(f"control {method} {path} answered {status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


SAML = control("GET", "saml")
TENANT = SAML["tenants"][0]
APP = TENANT["applications"][0]


class FormReader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self.error_code = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("action")
        elif tag == "input" and attributes.get("type") == "hidden":
            self.fields[attributes["name"]] = attributes.get("value", "")
        elif "data-error-code" in attributes:
            self.error_code = attributes["data-error-code"]


def sign_in(issuer=None, acs=ACS, request_id=None, login_hint=None):
    """The redirect binding done by hand; returns (request id, form reader)."""
    request_id = request_id or "_" + uuid.uuid4().hex
    instant = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = (f'<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
           f'ID="{request_id}" Version="2.0" IssueInstant="{instant}" '
           f'AssertionConsumerServiceURL="{acs}">'
           f'<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">{issuer or APP["identifier"]}'
           f'</Issuer></samlp:AuthnRequest>')
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    encoded = base64.b64encode(deflater.compress(xml.encode()) + deflater.flush()).decode()
    query = {"SAMLRequest": encoded, "RelayState": "state-" + uuid.uuid4().hex}
    if login_hint:
        query["login_hint"] = login_hint
    status, page = request("GET", f"/{TENANT['id']}/saml2?" + urllib.parse.urlencode(query))
    reader = FormReader()
    reader.feed(page.decode())
    reader.status = status
    reader.relay_state = query["RelayState"]
    return request_id, reader


def response_xml(encoded):
    return ET.fromstring(base64.b64decode(encoded))


def roles_of(root):
    pairs = []
    for attribute in root.iter(ASSERTION + "Attribute"):
        if attribute.get("Name") == ROLE_ATTRIBUTE:
            for value in attribute.findall(ASSERTION + "AttributeValue"):
                first, second = [part.strip() for part in value.text.split(",")]
                pairs.append((first, second) if ":role/" in first else (second, first))
    return pairs


def sts():
    return boto3.session.Session(region_name=REGION).client(
        "sts", config=NO_RETRIES.merge(Config(signature_version=UNSIGNED)))


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


# ---------------------------------------------------------------- the identity provider

def test_the_redirect_binding_yields_an_auto_submitting_form():
    request_id, form = sign_in()
    check(form.status == 200, f"status {form.status}")
    check(form.action == ACS, f"form action {form.action}")
    check(form.fields.get("RelayState") == form.relay_state, "RelayState echoed")
    root = response_xml(form.fields["SAMLResponse"])
    check(root.tag == PROTOCOL + "Response", root.tag)
    check(root.get("InResponseTo") == request_id and root.get("Destination") == ACS,
          "InResponseTo and Destination")
    code = root.find(f"{PROTOCOL}Status/{PROTOCOL}StatusCode").get("Value")
    check(code == "urn:oasis:names:tc:SAML:2.0:status:Success", code)
    data = root.find(f"{ASSERTION}Assertion/{ASSERTION}Subject/{ASSERTION}SubjectConfirmation/"
                     f"{ASSERTION}SubjectConfirmationData")
    check(data.get("Recipient") == ACS and data.get("InResponseTo") == request_id,
          "SubjectConfirmationData")
    until = datetime.strptime(data.get("NotOnOrAfter"), "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=timezone.utc)
    left = (until - datetime.now(timezone.utc)).total_seconds()
    check(250 < left <= 300, f"valid for about 5 minutes ({left:.0f} s)")
    pairs = roles_of(root)
    check(len(pairs) >= 10, f"{len(pairs)} roles")
    raw = base64.b64decode(form.fields["SAMLResponse"]).decode()
    check(re.search(r"<AttributeValue>arn:aws:iam::\d{12}:saml-provider/", raw),
          "some pairs are sent provider first")
    names = {attribute.get("Name"): [v.text for v in attribute]
             for attribute in root.iter(ASSERTION + "Attribute")}
    check(names["https://aws.amazon.com/SAML/Attributes/RoleSessionName"] ==
          ["jane.doe@acme.example"], "RoleSessionName")
    check(names["https://aws.amazon.com/SAML/Attributes/SessionDuration"] == ["28800"],
          "SessionDuration")


def test_entra_style_error_pages():
    _, unknown = sign_in(issuer="https://signin.aws.amazon.com/saml#99")
    check(unknown.error_code == "AADSTS700016", f"unknown app: {unknown.error_code}")
    _, reply = sign_in(acs="http://127.0.0.1:61234/saml/acs")
    check(reply.error_code == "AADSTS50011", f"unregistered reply URL: {reply.error_code}")
    _, other_port = sign_in(acs="http://localhost:1/saml/acs")
    check(other_port.error_code is None and other_port.action == "http://localhost:1/saml/acs",
          "localhost matches any port")
    _, digit = sign_in(request_id="1" + uuid.uuid4().hex)
    check(digit.error_code == "AADSTS7500529", f"ID starting with a digit: {digit.error_code}")


# ---------------------------------------------------------------- STS, judged by boto3

def test_assume_role_with_saml_and_use_the_credentials():
    _, form = sign_in()
    assertion = form.fields["SAMLResponse"]
    role_arn, principal_arn = roles_of(response_xml(assertion))[0]
    answer = sts().assume_role_with_saml(RoleArn=role_arn, PrincipalArn=principal_arn,
                                         SAMLAssertion=assertion, DurationSeconds=900)
    account = role_arn.split(":")[4]
    name = role_arn.rsplit("/", 1)[1]
    user = answer["AssumedRoleUser"]
    check(user["Arn"] == f"arn:aws:sts::{account}:assumed-role/{name}/jane.doe@acme.example",
          f"assumed-role ARN: {user['Arn']}")
    check(user["AssumedRoleId"].startswith("AROA"), "AssumedRoleId")
    credentials = answer["Credentials"]
    check(credentials["AccessKeyId"].startswith("ASIA"), "temporary key")
    left = (credentials["Expiration"] - datetime.now(timezone.utc)).total_seconds()
    check(850 < left <= 900, f"DurationSeconds honoured ({left:.0f} s)")
    check(answer["Audience"] == ACS, f"Audience: {answer['Audience']}")
    check(answer["Issuer"] == f"https://sts.windows.net/{TENANT['id']}/", "Issuer")
    check(answer["Subject"] == "jane.doe@acme.example" and answer["SubjectType"] == "persistent",
          "Subject")
    check(len(base64.b64decode(answer["NameQualifier"])) == 20, "NameQualifier")
    signed = boto3.session.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"], region_name=REGION).client(
            "sts", config=NO_RETRIES)
    check(signed.get_caller_identity()["Arn"] == user["Arn"], "the credentials sign STS calls")
    # The same assertion serves another role inside its lifetime.
    other_role, other_principal = roles_of(response_xml(assertion))[1]
    sts().assume_role_with_saml(RoleArn=other_role, PrincipalArn=other_principal,
                                SAMLAssertion=assertion)


def test_a_tampered_assertion_is_refused():
    _, form = sign_in()
    root_text = base64.b64decode(form.fields["SAMLResponse"]).decode()
    role_arn, principal_arn = roles_of(ET.fromstring(root_text))[0]
    tampered = root_text.replace("jane.doe@acme.example", "mallory@acme.example")
    check(tampered != root_text, "something to tamper with")
    expect_code("InvalidIdentityToken", 400, sts().assume_role_with_saml, RoleArn=role_arn,
                PrincipalArn=principal_arn,
                SAMLAssertion=base64.b64encode(tampered.encode()).decode())
    # Not even re-encoding is allowed: one extra space in the XML is an alteration.
    spaced = root_text.replace("<samlp:Status>", "<samlp:Status> ", 1)
    expect_code("InvalidIdentityToken", 400, sts().assume_role_with_saml, RoleArn=role_arn,
                PrincipalArn=principal_arn,
                SAMLAssertion=base64.b64encode(spaced.encode()).decode())


def test_a_pair_the_assertion_does_not_list_is_denied():
    _, form = sign_in()
    pairs = roles_of(response_xml(form.fields["SAMLResponse"]))
    role_arn = pairs[0][0]
    foreign = next(p for r, p in pairs if r.split(":")[4] != role_arn.split(":")[4])
    expect_code("AccessDenied", 403, sts().assume_role_with_saml, RoleArn=role_arn,
                PrincipalArn=foreign, SAMLAssertion=form.fields["SAMLResponse"])
    account = role_arn.split(":")[4]
    expect_code("AccessDenied", 403, sts().assume_role_with_saml,
                RoleArn=f"arn:aws:iam::{account}:role/NotInTheAssertion",
                PrincipalArn=pairs[0][1], SAMLAssertion=form.fields["SAMLResponse"])


def test_the_roles_trust_policy_decides_the_audience():
    _, form = sign_in()
    role_arn, principal_arn = roles_of(response_xml(form.fields["SAMLResponse"]))[0]
    control("POST", "saml/role-rules", {"roleArn": role_arn,
                                        "allowedAudiences": ["https://signin.aws.amazon.com/saml"]})
    try:
        expect_code("AccessDenied", 403, sts().assume_role_with_saml, RoleArn=role_arn,
                    PrincipalArn=principal_arn, SAMLAssertion=form.fields["SAMLResponse"])
        # An IdP-initiated assertion for AWS's own sign-in page passes that policy.
        pasted = control("POST", "saml/assertion",
                         {"recipient": "https://signin.aws.amazon.com/saml"})["SAMLResponse"]
        answer = sts().assume_role_with_saml(RoleArn=role_arn, PrincipalArn=principal_arn,
                                             SAMLAssertion=pasted)
        check(answer["Audience"] == "https://signin.aws.amazon.com/saml", "Audience")
    finally:
        control("DELETE", "saml/role-rules", {"roleArn": role_arn})


def test_durations_over_the_roles_maximum():
    _, form = sign_in()
    role_arn, principal_arn = roles_of(response_xml(form.fields["SAMLResponse"]))[0]
    message = expect_code("ValidationError", 400, sts().assume_role_with_saml, RoleArn=role_arn,
                          PrincipalArn=principal_arn, SAMLAssertion=form.fields["SAMLResponse"],
                          DurationSeconds=28800)
    check("exceeds the MaxSessionDuration set for this role" in message, message)
    control("POST", "saml/role-rules", {"roleArn": role_arn, "maxSessionDuration": 43200})
    try:
        answer = sts().assume_role_with_saml(RoleArn=role_arn, PrincipalArn=principal_arn,
                                             SAMLAssertion=form.fields["SAMLResponse"],
                                             DurationSeconds=28800)
        left = (answer["Credentials"]["Expiration"] - datetime.now(timezone.utc)).total_seconds()
        check(left > 28000, f"8 hours granted ({left:.0f} s)")
    finally:
        control("DELETE", "saml/role-rules", {"roleArn": role_arn})


def test_zz_an_expired_assertion_is_refused():
    _, form = sign_in()
    role_arn, principal_arn = roles_of(response_xml(form.fields["SAMLResponse"]))[0]
    control("POST", "clock", {"advanceSeconds": 301})
    try:
        expect_code("ExpiredTokenException", 400, sts().assume_role_with_saml, RoleArn=role_arn,
                    PrincipalArn=principal_arn, SAMLAssertion=form.fields["SAMLResponse"])
    finally:
        control("POST", "clock", {"advanceSeconds": -301})


def main():
    tests = sorted((name, value) for name, value in globals().items() if name.startswith("test_"))
    failures = 0
    for _, test in tests:
        try:
            test()
            print(f"ok {test.__name__}")
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures += 1
            print(f"FAIL {test.__name__}: {type(error).__name__}: {error}")
            lines = traceback.format_exc().strip().splitlines()
            print("    " + "\n    ".join(lines[-6:]))
    print(f"summary - {len(tests) - failures} checks ok, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
