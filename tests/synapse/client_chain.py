#!/usr/bin/env python3
# @process: test
# Which token synapseclient (>= 4.9, up to 4.13) would log in with, given a .synapseConfig, a
# profile and the environment: a standard-library re-enactment of the client's credential chain
# (synapseclient/core/credentials/credential_provider.py and api/configuration_services.py at
# https://github.com/Sage-Bionetworks/synapsePythonClient, commit 7c605635), reading the file
# with the real configparser.RawConfigParser as the client does. Used by the Node tests to judge
# what Synvault writes or hands over by what the client will do with it.
#
# Input: one JSON object, as the first argument or on stdin:
#   file            path of the config file (absent or unreadable = no file, as config.read does)
#   login_profile   login(profile=...): the Python API's default is "default", which makes the
#                   client ignore SYNAPSE_PROFILE; null = the `synapse` command line without
#                   --profile (or login(profile=None)), which honours SYNAPSE_PROFILE
#   env             {"SYNAPSE_PROFILE": ..., "SYNAPSE_AUTH_TOKEN": ...}; a missing key is unset
#   owners          [{"token": ..., "userName": ..., "emails": [...]}]: who /userProfile says owns
#                   each token (the username check needs it); an empty token is "anonymous"
#   legacy          true = a client before 4.9 (or synapser): only [authentication] is read
# Output (stdout, JSON, never a token):
#   {"uses": "file"|"env"|"none", "section": ..., "profile": ..., "token_sha256": ...}
#     "none" = a token that is empty: the client sends no Authorization header (anonymous)
#   or {"error": <exception class>, "message": <the client's message>}
import base64
import configparser
import hashlib
import json
import sys


class ClientError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def read_config(path, legacy):
    config = configparser.RawConfigParser()
    try:
        # The client calls config.read(path): a file that cannot be opened counts as no file, a
        # parse error becomes ValueError. It passes no encoding (the locale's, UTF-8 on the
        # systems Synvault supports); UTF-8 is named here so the result does not hang on the
        # test machine's locale.
        config.read(path, encoding="utf-8")
    except configparser.Error:
        raise ClientError("ValueError", "Error parsing Synapse config file: " + path)
    return config


def section_dict(config, name):
    # get_config_section_dict: dict(config.items(name)), [DEFAULT]'s keys included; {} when the
    # section is missing.
    try:
        return dict(config.items(name))
    except configparser.NoSectionError:
        return {}


def config_authentication(config, profile, legacy):
    """get_config_authentication, plus the section it really read (for the report)."""
    if legacy:
        return {"section_name": "authentication", **section_dict(config, "authentication")}, "authentication"
    section = profile if profile == "default" else "profile " + profile
    own = section_dict(config, section)
    if own:
        return {"section_name": profile, **own}, section
    return {"section_name": "authentication", **section_dict(config, "authentication")}, "authentication"


def check_token(token):
    # SynapseAuthTokenCredentials._validate_token: a decodable token without "view" is refused.
    try:
        body = json.loads(str(base64.urlsafe_b64decode(token.split(".")[1] + "==="), "utf-8"))
        scopes = body.get("access", {}).get("scope")
        if scopes is not None and "view" not in scopes:
            raise ClientError("SynapseAuthenticationError", "A view scoped token is required")
    except (IndexError, ValueError):
        pass


def owner_of(token, owners):
    if not token:
        return {"userName": "anonymous", "emails": []}
    for o in owners:
        if o.get("token") == token:
            return o
    return None


def credential(username, token, section, source, owners, profile):
    """_create_synapse_credential: None when there is no token, else the login it makes."""
    if token is None:
        return None
    check_token(token)
    owner = owner_of(token, owners)
    if username and owner is not None:
        if username != owner.get("userName") and username not in owner.get("emails", []):
            raise ClientError(
                "SynapseAuthenticationError",
                "username/email and auth_token both provided but username does not match token profile",
            )
    out = {"uses": source if token else "none", "source": source, "section": section, "profile": profile,
           "token_sha256": hashlib.sha256(token.encode()).hexdigest() if token else None}
    if username and owner is None:
        out["username_check"] = "unknown owner"
    return out


def chain(req):
    env = req.get("env") or {}
    owners = req.get("owners") or []
    legacy = bool(req.get("legacy"))
    # SynapseCredentialsProviderChain.get_credentials
    profile = req.get("login_profile") or env.get("SYNAPSE_PROFILE")
    # UserArgsCredentialsProvider: no login(authToken=...) here, so nothing.
    # ConfigFileCredentialsProvider
    profile_name = profile or "default"
    config = read_config(req["file"], legacy)
    d, section = config_authentication(config, profile_name, legacy)
    if not legacy and profile_name != "default" and profile_name != d.get("section_name"):
        raise ClientError("SynapseAuthenticationError", "Profile '%s' does not exist in the configuration file." % profile_name)
    got = credential(d.get("username"), d.get("authtoken"), section, "file", owners, profile_name)
    if got:
        return got
    # EnvironmentVariableCredentialsProvider (login(email=...) is not used here, so no username)
    got = credential(None, env.get("SYNAPSE_AUTH_TOKEN"), None, "env", owners, profile_name)
    if got:
        return got
    # AWSParameterStoreCredentialsProvider: not configured here.
    raise ClientError("SynapseNoCredentialsError", "No valid authentication credentials provided.")


def main():
    raw = sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read()
    req = json.loads(raw)
    try:
        out = chain(req)
    except ClientError as e:
        out = {"error": e.kind, "message": str(e)}
    except UnicodeDecodeError:
        out = {"error": "UnicodeDecodeError", "message": "the file is not UTF-8"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
