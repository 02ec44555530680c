"""Drives the fake Identity Center with the real AWS SDK for Python (boto3/botocore).

Usage: python conformance.py BASE_URL

Every check prints "ok <name>" or "FAIL <name>: <why>"; the exit status is 0 only when all
passed. Nothing here sleeps: time moves through the fake's /_fake/clock control.
Secrets are never printed.
"""

import base64
import hashlib
import http.client
import json
import os
import secrets
import shutil
import sys
import tempfile
import traceback
import urllib.parse
import uuid

BASE = sys.argv[1].rstrip("/")
# botocore reads ~ when it is imported (its token-cache directories are class attributes), so
# the temporary HOME must be in place before the import.
# The SDK must find the fake through the documented environment overrides (spec §6.3).
os.environ["AWS_ENDPOINT_URL_SSO"] = BASE
os.environ["AWS_ENDPOINT_URL_SSO_OIDC"] = BASE
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
             "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
    os.environ.pop(name, None)
HOME = tempfile.mkdtemp(prefix="fake-conformance-home-")
os.environ["HOME"] = HOME
os.environ["AWS_CONFIG_FILE"] = os.path.join(HOME, ".aws", "config")
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(HOME, ".aws", "credentials")

try:
    import boto3
    import botocore
    import botocore.session
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"FAIL import: boto3/botocore are not importable ({error}). Run scripts/bootstrap --test.")
    sys.exit(3)

PARSED = urllib.parse.urlparse(BASE)
REGION = "eu-central-1"
START_URL = "https://d-9a6f3c21b7.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"

# botocore's retries "max_attempts" counts retries, not attempts: total_max_attempts=1 is
# the setting that really sends each call once, so a 429 surfaces immediately.
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
SESSION = boto3.session.Session(region_name=REGION)
OIDC = SESSION.client("sso-oidc", config=NO_RETRIES)
SSO = SESSION.client("sso", config=NO_RETRIES)

SECRETS_SEEN = set()


def remember(*values):
    for value in values:
        if value:
            SECRETS_SEEN.add(value)
    return values[0] if len(values) == 1 else values


def raw(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(PARSED.hostname, PARSED.port, timeout=30)
    data = None
    all_headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=all_headers)
    response = connection.getresponse()
    payload = response.read()
    result = (response.status, {k.lower(): v for k, v in response.getheaders()}, payload)
    connection.close()
    return result


def control(method, path, body=None):
    status, _, payload = raw(method, "/_fake/" + path, body)
    if status != 200:
        raise AssertionError(f"control {method} {path} answered {status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


def expect_error(exception_class, call, *args, **kwargs):
    """Calls and insists on the modelled botocore exception class."""
    try:
        call(*args, **kwargs)
    except exception_class as error:
        return error
    except ClientError as error:
        raise AssertionError(
            f"expected {exception_class.__name__}, got {type(error).__name__} "
            f"(code {error.response['Error'].get('Code')})")
    raise AssertionError(f"expected {exception_class.__name__}, the call succeeded")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def register(**extra):
    response = OIDC.register_client(clientName="botocore-client-conformance", clientType="public",
                                    **extra)
    check(isinstance(response["clientIdIssuedAt"], int), "clientIdIssuedAt is epoch seconds")
    check(response["clientSecretExpiresAt"] > response["clientIdIssuedAt"], "secret expiry later")
    return remember(response["clientId"]), remember(response["clientSecret"])


def device_login(client_id, client_secret):
    auth = OIDC.start_device_authorization(clientId=client_id, clientSecret=client_secret,
                                           startUrl=START_URL)
    for key in ("deviceCode", "userCode", "verificationUri", "verificationUriComplete",
                "expiresIn", "interval"):
        check(key in auth, f"StartDeviceAuthorization answered {key}")
    remember(auth["deviceCode"])
    return auth


def poll(client_id, client_secret, device_code):
    return OIDC.create_token(clientId=client_id, clientSecret=client_secret,
                             grantType=DEVICE_GRANT, deviceCode=device_code)


STATE = {}


# ---------------------------------------------------------------- OIDC: device flow

def test_device_flow_pending_then_approved():
    client_id, secret = register(scopes=["sso:account:access"])
    auth = device_login(client_id, secret)
    expect_error(OIDC.exceptions.AuthorizationPendingException, poll, client_id, secret,
                 auth["deviceCode"])
    control("POST", "device-codes/approve", {"userCode": auth["userCode"]})
    tokens = poll(client_id, secret, auth["deviceCode"])
    check(tokens["tokenType"] == "Bearer", "tokenType Bearer")
    check(isinstance(tokens["expiresIn"], int) and tokens["expiresIn"] > 0, "expiresIn > 0")
    check("refreshToken" in tokens, "refresh token issued for sso:account:access")
    remember(tokens["accessToken"], tokens["refreshToken"])
    STATE.update(client_id=client_id, secret=secret, access=tokens["accessToken"],
                 refresh=tokens["refreshToken"])
    # One-time: the same device code again is an invalid grant.
    expect_error(OIDC.exceptions.InvalidGrantException, poll, client_id, secret,
                 auth["deviceCode"])


def test_device_flow_without_scopes_gets_no_refresh_token():
    client_id, secret = register()
    auth = device_login(client_id, secret)
    control("POST", "device-codes/approve", {"userCode": auth["userCode"]})
    tokens = poll(client_id, secret, auth["deviceCode"])
    remember(tokens["accessToken"])
    check("refreshToken" not in tokens, "no refresh token without sso:account:access")


def test_device_flow_denied():
    client_id, secret = register()
    auth = device_login(client_id, secret)
    control("POST", "device-codes/deny", {"userCode": auth["userCode"]})
    expect_error(OIDC.exceptions.AccessDeniedException, poll, client_id, secret,
                 auth["deviceCode"])


def test_slow_down_after_two_back_to_back_polls():
    client_id, secret = register()
    auth = device_login(client_id, secret)
    # spec §3.4: the CLI's pre-authorised check and first loop poll arrive back to back.
    for _ in range(2):
        expect_error(OIDC.exceptions.AuthorizationPendingException, poll, client_id, secret,
                     auth["deviceCode"])
    expect_error(OIDC.exceptions.SlowDownException, poll, client_id, secret, auth["deviceCode"])
    # After waiting interval + 5 s (moved by the fake's clock) polling is pending again.
    control("POST", "clock", {"advanceSeconds": auth["interval"] + 5})
    expect_error(OIDC.exceptions.AuthorizationPendingException, poll, client_id, secret,
                 auth["deviceCode"])


def test_device_code_expires():
    client_id, secret = register()
    auth = device_login(client_id, secret)
    control("POST", "clock", {"advanceSeconds": auth["expiresIn"] + 1})
    expect_error(OIDC.exceptions.ExpiredTokenException, poll, client_id, secret,
                 auth["deviceCode"])


def test_invalid_client():
    client_id, secret = register()
    expect_error(OIDC.exceptions.InvalidClientException, OIDC.start_device_authorization,
                 clientId=client_id, clientSecret=secret + "x", startUrl=START_URL)
    error = expect_error(OIDC.exceptions.InvalidClientException, poll, "unknown-client", secret,
                         "whatever")
    check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 401, "InvalidClient is 401")


def test_invalid_grant_for_unknown_device_code():
    client_id, secret = register()
    error = expect_error(OIDC.exceptions.InvalidGrantException, poll, client_id, secret,
                         "no-such-device-code")
    check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "InvalidGrant is 400")


# ---------------------------------------------------------------- OIDC: PKCE

def pkce_pair():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    verifier = "".join(secrets.choice(alphabet) for _ in range(64))
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()
    return verifier, challenge.rstrip("=")


def register_pkce():
    return register(grantTypes=["authorization_code", "refresh_token"],
                    redirectUris=["http://127.0.0.1/oauth/callback"], issuerUrl=START_URL,
                    scopes=["sso:account:access"])


def browser_authorize(client_id, challenge, redirect_uri, state):
    """Plays the browser: GET /authorize without following the redirect (spec §4.2 order)."""
    params = [("response_type", "code"), ("client_id", client_id), ("redirect_uri", redirect_uri),
              ("state", state), ("code_challenge_method", "S256"),
              ("scopes", "sso:account:access")]
    query = "&".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in params)
    status, headers, _ = raw("GET", f"/authorize?{query}&code_challenge={challenge}")
    check(status == 302, f"/authorize answered {status}, expected 302")
    location = urllib.parse.urlparse(headers["location"])
    check(f"{location.scheme}://{location.netloc}{location.path}" == redirect_uri,
          "redirected to the loopback URI with its port")
    return dict(urllib.parse.parse_qsl(location.query))


def test_pkce_authorization_code():
    control("POST", "settings", {"autoApprove": True})
    try:
        client_id, secret = register_pkce()
        verifier, challenge = pkce_pair()
        redirect_uri = "http://127.0.0.1:49213/oauth/callback"
        state = str(uuid.uuid4())
        callback = browser_authorize(client_id, challenge, redirect_uri, state)
        check(callback.get("state") == state, "state echoed")
        code = remember(callback["code"])
        # The redirect URI must match exactly (with port); the verifier must match.
        expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token, clientId=client_id,
                     clientSecret=secret, grantType="authorization_code",
                     redirectUri="http://127.0.0.1:1/oauth/callback", codeVerifier=verifier,
                     code=code)
        expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token, clientId=client_id,
                     clientSecret=secret, grantType="authorization_code", redirectUri=redirect_uri,
                     codeVerifier=verifier[:-1] + ("a" if verifier[-1] != "a" else "b"), code=code)
        tokens = OIDC.create_token(clientId=client_id, clientSecret=secret,
                                   grantType="authorization_code", redirectUri=redirect_uri,
                                   codeVerifier=verifier, code=code)
        remember(tokens["accessToken"], tokens.get("refreshToken"))
        check("refreshToken" in tokens, "PKCE tokens carry a refresh token")
        # Single use.
        expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token, clientId=client_id,
                     clientSecret=secret, grantType="authorization_code", redirectUri=redirect_uri,
                     codeVerifier=verifier, code=code)
    finally:
        control("POST", "settings", {"autoApprove": False})


def test_pkce_denied_redirects_with_error():
    control("POST", "settings", {"denyAuthorize": True})
    try:
        client_id, _ = register_pkce()
        _, challenge = pkce_pair()
        callback = browser_authorize(client_id, challenge,
                                     "http://127.0.0.1:50000/oauth/callback", "s-1")
        check(callback.get("error") == "access_denied", "error=access_denied")
        check(callback.get("state") == "s-1", "state echoed on error")
        check("code" not in callback, "no code when denied")
    finally:
        control("POST", "settings", {"denyAuthorize": False})


# ---------------------------------------------------------------- refresh

def test_refresh_rotates_and_revokes_the_old_token():
    old = STATE["refresh"]
    tokens = OIDC.create_token(clientId=STATE["client_id"], clientSecret=STATE["secret"],
                               grantType="refresh_token", refreshToken=old)
    remember(tokens["accessToken"], tokens.get("refreshToken"))
    check(tokens["accessToken"] != STATE["access"], "a new access token")
    check(tokens.get("refreshToken") not in (None, old), "a rotated refresh token")
    expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token,
                 clientId=STATE["client_id"], clientSecret=STATE["secret"],
                 grantType="refresh_token", refreshToken=old)
    expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token,
                 clientId=STATE["client_id"], clientSecret=STATE["secret"],
                 grantType="refresh_token", refreshToken="aor-unknown")
    STATE.update(access=tokens["accessToken"], refresh=tokens["refreshToken"])


# ---------------------------------------------------------------- portal

def organisation():
    status, _, payload = raw("GET", "/_fake/organisation")
    check(status == 200, "organisation dump")
    return json.loads(payload)["accounts"]


def test_paginators_return_exactly_the_organisation():
    expected = organisation()
    tokens = []
    accounts = []
    for page in SSO.get_paginator("list_accounts").paginate(
            accessToken=STATE["access"], PaginationConfig={"PageSize": 7}):
        accounts.extend(page["accountList"])
        if "nextToken" in page:
            tokens.append(page["nextToken"])
    check(len(tokens) == (len(expected) - 1) // 7, f"{len(tokens)} continuation tokens")
    check(all("+" in t and "/" in t and "=" in t for t in tokens), "tokens contain + / =")
    got = [(a["accountId"], a.get("accountName"), a.get("emailAddress")) for a in accounts]
    want = [(a["accountId"], a.get("accountName"), a.get("emailAddress")) for a in expected]
    check(got == want, "ListAccounts pages == organisation")
    for account in expected:
        roles = []
        for page in SSO.get_paginator("list_account_roles").paginate(
                accessToken=STATE["access"], accountId=account["accountId"],
                PaginationConfig={"PageSize": 3}):
            roles.extend(page["roleList"])
        check([r["roleName"] for r in roles] == account["roles"],
              f"roles of {account['accountId']}")
        check(all(r["accountId"] == account["accountId"] for r in roles), "role accountId")
    STATE["account"] = next(a for a in expected if a["roles"])


def test_get_role_credentials_and_console_federation():
    account = STATE["account"]
    credentials = SSO.get_role_credentials(accessToken=STATE["access"],
                                           accountId=account["accountId"],
                                           roleName=account["roles"][0])["roleCredentials"]
    remember(credentials["secretAccessKey"], credentials["sessionToken"])
    check(credentials["accessKeyId"].startswith("ASIA"), "access key id looks like STS")
    check(credentials["expiration"] > 10**12, "expiration in epoch milliseconds")
    session = json.dumps({"sessionId": credentials["accessKeyId"],
                          "sessionKey": credentials["secretAccessKey"],
                          "sessionToken": credentials["sessionToken"]})
    status, headers, payload = raw(
        "GET", "/federation?Action=getSigninToken&Session=" + urllib.parse.quote_plus(session))
    check(status == 200, f"getSigninToken answered {status}")
    signin = remember(json.loads(payload)["SigninToken"])
    destination = "https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1"
    status, headers, _ = raw("GET", "/federation?Action=login&Issuer=conformance&Destination="
                             + urllib.parse.quote(destination, safe="") + "&SigninToken="
                             + urllib.parse.quote(signin, safe=""))
    check(status == 302 and headers.get("location") == destination, "login redirects")
    forged = json.dumps({"sessionId": credentials["accessKeyId"], "sessionKey": "x",
                         "sessionToken": credentials["sessionToken"]})
    status, _, _ = raw("GET", "/federation?Action=getSigninToken&Session="
                       + urllib.parse.quote(forged, safe=""))
    check(status == 400, "credentials the fake did not issue are refused")


def test_portal_errors():
    account = STATE["account"]
    expect_error(SSO.exceptions.UnauthorizedException, SSO.list_accounts, accessToken="nope")
    expect_error(SSO.exceptions.ResourceNotFoundException, SSO.list_account_roles,
                 accessToken=STATE["access"], accountId="000000000000")
    try:
        SSO.get_role_credentials(accessToken=STATE["access"], accountId=account["accountId"],
                                 roleName="NotAssignedRole")
        raise AssertionError("unassigned role succeeded")
    except ClientError as error:
        check(error.response["Error"]["Code"] == "ForbiddenException", "ForbiddenException")
        check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 403, "403")
        check(error.response["Error"]["Message"] == "No access", "No access")
    status, headers, payload = raw("GET", "/assignment/accounts?max_result=101",
                                   headers={"x-amz-sso_bearer_token": STATE["access"]})
    check(status == 400 and headers.get("x-amzn-errortype") == "InvalidRequestException",
          "max_result 101 is InvalidRequestException")
    check("x-amzn-requestid" in headers, "x-amzn-RequestId present")


def test_throttling_is_too_many_requests():
    control("POST", "rate-limits", {"operation": "ListAccounts", "rps": 0.001, "burst": 1})
    try:
        SSO.list_accounts(accessToken=STATE["access"], maxResults=1)
        error = expect_error(SSO.exceptions.TooManyRequestsException, SSO.list_accounts,
                             accessToken=STATE["access"], maxResults=1)
        check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 429, "429")
    finally:
        control("POST", "rate-limits", {"operation": "ListAccounts", "rps": None})


def test_fault_injection_n_times_for_one_account():
    accounts = organisation()
    target, other = accounts[0]["accountId"], accounts[1]["accountId"]
    control("POST", "faults", {"operation": "ListAccountRoles", "error": "TooManyRequestsException",
                               "count": 2, "accountId": target})
    SSO.list_account_roles(accessToken=STATE["access"], accountId=other)
    for _ in range(2):
        expect_error(SSO.exceptions.TooManyRequestsException, SSO.list_account_roles,
                     accessToken=STATE["access"], accountId=target)
    SSO.list_account_roles(accessToken=STATE["access"], accountId=target)


def test_error_type_suffix_is_normalised_by_botocore():
    control("POST", "settings", {"errorTypeSuffix": True})
    try:
        status, headers, _ = raw("GET", "/assignment/accounts",
                                 headers={"x-amz-sso_bearer_token": "nope"})
        check(headers.get("x-amzn-errortype", "").startswith("UnauthorizedException:http://"),
              "suffix sent")
        expect_error(SSO.exceptions.UnauthorizedException, SSO.list_accounts, accessToken="nope")
        client_id, secret = register()
        auth = device_login(client_id, secret)
        expect_error(OIDC.exceptions.AuthorizationPendingException, poll, client_id, secret,
                     auth["deviceCode"])
    finally:
        control("POST", "settings", {"errorTypeSuffix": False})


def test_expired_access_token_is_unauthorized():
    client_id, secret = register(scopes=["sso:account:access"])
    auth = device_login(client_id, secret)
    control("POST", "device-codes/approve", {"userCode": auth["userCode"]})
    tokens = poll(client_id, secret, auth["deviceCode"])
    remember(tokens["accessToken"], tokens["refreshToken"])
    SSO.list_accounts(accessToken=tokens["accessToken"])
    control("POST", "tokens/expire", {"accessToken": tokens["accessToken"]})
    expect_error(SSO.exceptions.UnauthorizedException, SSO.list_accounts,
                 accessToken=tokens["accessToken"])
    # An expired registration makes the refresh an InvalidClient (401).
    control("POST", "registrations/expire", {"clientId": client_id})
    expect_error(OIDC.exceptions.InvalidClientException, OIDC.create_token, clientId=client_id,
                 clientSecret=secret, grantType="refresh_token",
                 refreshToken=tokens["refreshToken"])


def test_logout_ends_access_and_refresh_token():
    SSO.logout(accessToken=STATE["access"])
    expect_error(SSO.exceptions.UnauthorizedException, SSO.list_accounts,
                 accessToken=STATE["access"])
    expect_error(OIDC.exceptions.InvalidGrantException, OIDC.create_token,
                 clientId=STATE["client_id"], clientSecret=STATE["secret"],
                 grantType="refresh_token", refreshToken=STATE["refresh"])


# ---------------------------------------------------------------- botocore's SSO provider

def write_profile_and_cache(expires_in, use_services_section):
    account = STATE["account"]
    document = control("POST", "token-cache", {"sessionName": "fake-sso", "startUrl": START_URL,
                                               "region": REGION, "expiresIn": expires_in})
    remember(document["accessToken"], document.get("refreshToken"))
    cache = os.path.join(HOME, ".aws", "sso", "cache")
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, document["fileName"])
    with open(path, "w") as handle:
        handle.write(document["contents"])
    services = f"services = fake-endpoints\n" if use_services_section else ""
    config = (f"[profile fake-admin]\nsso_session = fake-sso\nsso_account_id = "
              f"{account['accountId']}\nsso_role_name = {account['roles'][0]}\n{services}"
              f"[sso-session fake-sso]\nsso_start_url = {START_URL}\nsso_region = {REGION}\n"
              f"sso_registration_scopes = sso:account:access\n"
              f"[services fake-endpoints]\nsso =\n  endpoint_url = {BASE}\n"
              f"sso_oidc =\n  endpoint_url = {BASE}\n")
    with open(os.environ["AWS_CONFIG_FILE"], "w") as handle:
        handle.write(config)
    return document, path


def signin_accepts(credentials):
    session = json.dumps({"sessionId": credentials.access_key,
                          "sessionKey": credentials.secret_key,
                          "sessionToken": credentials.token})
    status, _, _ = raw("GET", "/federation?Action=getSigninToken&Session="
                       + urllib.parse.quote(session, safe=""))
    return status == 200


def test_botocore_sso_provider_uses_the_token_cache():
    saved = {k: os.environ.pop(k) for k in ("AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC")}
    try:
        document, _ = write_profile_and_cache(3600, use_services_section=True)
        credentials = botocore.session.Session(profile="fake-admin").get_credentials()
        check(credentials is not None, "credentials resolved")
        frozen = credentials.get_frozen_credentials()
        remember(frozen.secret_key, frozen.token)
        check(frozen.access_key.startswith("ASIA"), "role credentials from the fake")
        check(signin_accepts(frozen), "the fake recognises the credentials it issued")
    finally:
        os.environ.update(saved)


def test_botocore_sso_provider_refreshes_a_nearly_expired_token():
    control("DELETE", "requests")
    # Inside botocore's 15-minute refresh window even though earlier checks moved the
    # fake's clock about 10 minutes ahead of real time.
    document, path = write_profile_and_cache(60, use_services_section=False)
    credentials = botocore.session.Session(profile="fake-admin").get_credentials()
    frozen = credentials.get_frozen_credentials()
    remember(frozen.secret_key, frozen.token)
    check(signin_accepts(frozen), "credentials valid")
    with open(path) as handle:
        rewritten = json.load(handle)
    remember(rewritten["accessToken"], rewritten.get("refreshToken"))
    check(rewritten["accessToken"] != document["accessToken"], "botocore refreshed the token")
    operations = [entry["operation"] for entry in control("GET", "requests")["requests"]]
    check("CreateToken" in operations and "GetRoleCredentials" in operations,
          f"refresh then credentials, saw {operations}")


# ---------------------------------------------------------------- hygiene

def test_request_log_holds_no_secrets():
    status, _, payload = raw("GET", "/_fake/requests")
    text = payload.decode()
    leaked = [s for s in SECRETS_SEEN if s and len(s) > 8 and s in text]
    check(status == 200 and not leaked, f"{len(leaked)} secrets in the request log")


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
