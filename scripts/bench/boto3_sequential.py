#!/usr/bin/env python3
"""List every account and role one call at a time, the way `aws configure sso` and
aws-sso-util do: all ListAccounts pages, then ListAccountRoles for each account in turn,
through boto3's paginators with their default page size.

Usage: boto3_sequential.py SESSION_NAME   (reads the access token that `ssopick login` or
`aws sso login` cached for that sso-session; honours AWS_ENDPOINT_URL_SSO). Prints the
number of account/role pairs.
"""
import hashlib
import json
import os
import sys

import boto3


def main() -> int:
    session_name = sys.argv[1]
    region = os.environ.get("SSO_REGION", "eu-central-1")
    cache = os.path.expanduser("~/.aws/sso/cache")
    name = hashlib.sha1(session_name.encode("utf-8")).hexdigest() + ".json"
    with open(os.path.join(cache, name), encoding="utf-8") as handle:
        token = json.load(handle)["accessToken"]
    client = boto3.client("sso", region_name=region)
    accounts = []
    for page in client.get_paginator("list_accounts").paginate(accessToken=token):
        accounts.extend(page["accountList"])
    pairs = 0
    for account in accounts:
        paginator = client.get_paginator("list_account_roles")
        for page in paginator.paginate(accessToken=token, accountId=account["accountId"]):
            pairs += len(page["roleList"])
    print(pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
