"""Offline property tests for examples/aws/cloudformation.yaml.

Nothing here talks to AWS. The template is parsed with a YAML loader that
understands CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, ...), the
``Conditions`` section is evaluated for both values of ``ProtectedPathPattern``
(empty: the default behavior is protected; "/private/*": a path behavior is
protected), and a set of checker functions asserts the security properties the
example promises.  Each checker returns a list of problems (empty = OK) so that
the mutation tests at the bottom can prove every checker really fails when the
template is weakened.

The checkers are deliberately strict about *this* template's shape: an edit
that does not weaken security but changes the shape (for example a different
way of writing the object ARN) may need the checker updated too.  They fail
closed.

Run: ``bash tests/aws/run.sh`` (or ``python tests/aws/test_cloudformation.py``
with PyYAML installed).
"""

from __future__ import annotations

import copy
import re
import sys
import unittest
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = REPO_ROOT / "examples" / "aws" / "cloudformation.yaml"

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
HTTPS_POLICIES = ("redirect-to-https", "https-only")
CLOUDFRONT_SERVICE = "cloudfront.amazonaws.com"
REQUIRED_OUTPUTS = ("DistributionDomainName", "KeyPairId", "BucketName")

# The two branches of the ProtectedPathPattern condition.
BRANCHES = {
    "default-behavior-protected": {"ProtectedPathPattern": ""},
    "path-behavior-protected": {"ProtectedPathPattern": "/private/*"},
}


# --------------------------------------------------------------------------
# Loading: CloudFormation short-form tags -> long-form dicts.
# --------------------------------------------------------------------------


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that turns ``!Tag value`` into ``{"Fn::Tag": value}``."""


def _construct_cfn_tag(loader: CfnLoader, tag_suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "Condition":
        return {"Condition": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        value = [resource, attribute]
    return {"Fn::" + tag_suffix: value}


CfnLoader.add_multi_constructor("!", _construct_cfn_tag)


def load_template(path: Path = TEMPLATE_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=CfnLoader)  # noqa: S506 - SafeLoader subclass


# --------------------------------------------------------------------------
# Evaluating conditions (only what the template needs; fails loudly otherwise).
# --------------------------------------------------------------------------

NO_VALUE = object()


def _parameters(template: dict, overrides: dict) -> dict:
    values = {}
    for name, spec in template.get("Parameters", {}).items():
        if name in overrides:
            values[name] = overrides[name]
        elif "Default" in spec:
            values[name] = spec["Default"]
    return values


def _eval_condition_expr(expr, template: dict, params: dict) -> bool:
    if isinstance(expr, dict) and len(expr) == 1:
        (fn, arg), = expr.items()
        if fn == "Fn::Not":
            return not _eval_condition_expr(arg[0], template, params)
        if fn == "Fn::And":
            return all(_eval_condition_expr(a, template, params) for a in arg)
        if fn == "Fn::Or":
            return any(_eval_condition_expr(a, template, params) for a in arg)
        if fn == "Fn::Equals":
            left, right = (_eval_value(a, params) for a in arg)
            return left == right
        if fn == "Condition":
            return _eval_condition_expr(template["Conditions"][arg], template, params)
    raise ValueError(f"unsupported condition expression: {expr!r}")


def _eval_value(expr, params: dict):
    if isinstance(expr, dict) and set(expr) == {"Ref"} and expr["Ref"] in params:
        return params[expr["Ref"]]
    if isinstance(expr, (str, int, float, bool)):
        return str(expr) if not isinstance(expr, bool) else str(expr).lower()
    raise ValueError(f"unsupported value in condition: {expr!r}")


def evaluate_conditions(template: dict, overrides: dict) -> dict:
    params = _parameters(template, overrides)
    return {
        name: _eval_condition_expr(expr, template, params)
        for name, expr in template.get("Conditions", {}).items()
    }


def resolve(node, conditions: dict, params: dict):
    """Pick Fn::If branches, drop AWS::NoValue, and fold Ref/Split/Select on
    parameters.  Other intrinsics (Ref to resources, GetAtt, Sub) stay as-is."""
    if isinstance(node, list):
        out = [resolve(item, conditions, params) for item in node]
        return [item for item in out if item is not NO_VALUE]
    if isinstance(node, dict):
        if set(node) == {"Fn::If"}:
            cond, when_true, when_false = node["Fn::If"]
            return resolve(when_true if conditions[cond] else when_false, conditions, params)
        if node == {"Ref": "AWS::NoValue"}:
            return NO_VALUE
        if set(node) == {"Ref"} and node["Ref"] in params:
            return params[node["Ref"]]
        if set(node) == {"Fn::Split"}:
            sep, source = node["Fn::Split"]
            source = resolve(source, conditions, params)
            if isinstance(source, str):
                return source.split(sep)
            return {"Fn::Split": [sep, source]}
        if set(node) == {"Fn::Select"}:
            index, source = node["Fn::Select"]
            source = resolve(source, conditions, params)
            if isinstance(source, list) and all(isinstance(s, str) for s in source):
                return source[int(index)]
            return {"Fn::Select": [index, source]}
        out = {}
        for key, value in node.items():
            value = resolve(value, conditions, params)
            if value is not NO_VALUE:
                out[key] = value
        return out
    return node


def resolve_template(template: dict, overrides: dict) -> dict:
    """The template as CloudFormation would see it for these parameters.
    Resources whose own Condition is false are dropped."""
    conditions = evaluate_conditions(template, overrides)
    params = _parameters(template, overrides)
    resolved = copy.deepcopy(template)
    resources = {}
    for name, res in resolved.get("Resources", {}).items():
        if "Condition" in res and not conditions[res["Condition"]]:
            continue
        resources[name] = resolve(res, conditions, params)
    resolved["Resources"] = resources
    outputs = {}
    for name, out in resolved.get("Outputs", {}).items():
        if "Condition" in out and not conditions[out["Condition"]]:
            continue
        outputs[name] = resolve(out, conditions, params)
    resolved["Outputs"] = outputs
    return resolved


# --------------------------------------------------------------------------
# Small helpers.
# --------------------------------------------------------------------------


def resources_of_type(template: dict, type_name: str) -> dict:
    return {
        name: res
        for name, res in template.get("Resources", {}).items()
        if isinstance(res, dict) and res.get("Type") == type_name
    }


def single_resource(template: dict, type_name: str, problems: list):
    found = resources_of_type(template, type_name)
    if len(found) != 1:
        problems.append(f"expected exactly one {type_name}, found {sorted(found)}")
        return None, {}
    (name, res), = found.items()
    return name, res.get("Properties", {}) or {}


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def principal_is_wildcard(principal) -> bool:
    """True for "*", {"AWS": "*"}, {"AWS": [..., "*"]} and the like."""
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return any("*" in as_list(v) for v in principal.values())
    return False


def ref_target(value):
    if isinstance(value, dict) and set(value) == {"Ref"}:
        return value["Ref"]
    return None


def getatt_target(value):
    if isinstance(value, dict) and set(value) == {"Fn::GetAtt"}:
        return tuple(value["Fn::GetAtt"])
    return None


# --------------------------------------------------------------------------
# Checkers. Each returns a list of human-readable problems; [] means OK.
# --------------------------------------------------------------------------


def check_bucket(template: dict) -> list:
    problems: list = []
    _, props = single_resource(template, "AWS::S3::Bucket", problems)
    pab = props.get("PublicAccessBlockConfiguration") or {}
    for flag in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"):
        if pab.get(flag) is not True:
            problems.append(f"PublicAccessBlockConfiguration.{flag} must be true, is {pab.get(flag)!r}")
    rules = (props.get("OwnershipControls") or {}).get("Rules") or []
    ownerships = [r.get("ObjectOwnership") for r in rules if isinstance(r, dict)]
    if ownerships != ["BucketOwnerEnforced"]:
        problems.append(f"OwnershipControls must be exactly BucketOwnerEnforced (ACLs off), is {ownerships!r}")
    sse = (props.get("BucketEncryption") or {}).get("ServerSideEncryptionConfiguration") or []
    algorithms = [
        (rule.get("ServerSideEncryptionByDefault") or {}).get("SSEAlgorithm") for rule in sse if isinstance(rule, dict)
    ]
    if not algorithms or any(a not in ("AES256", "aws:kms", "aws:kms:dsse") for a in algorithms):
        problems.append(f"BucketEncryption must set a default SSE algorithm, is {algorithms!r}")
    for legacy in ("AccessControl", "WebsiteConfiguration"):
        if legacy in props:
            problems.append(f"bucket must not set {legacy}")
    return problems


def _expected_source_arn(distribution: str) -> re.Pattern:
    return re.compile(
        r"^arn:\$\{AWS::Partition\}:cloudfront::\$\{AWS::AccountId\}:distribution/\$\{"
        + re.escape(distribution)
        + r"\}$"
    )


def check_bucket_policy(template: dict) -> list:
    problems: list = []
    bucket, _ = single_resource(template, "AWS::S3::Bucket", problems)
    distribution, _ = single_resource(template, "AWS::CloudFront::Distribution", problems)
    policies = {
        name: res.get("Properties", {})
        for name, res in resources_of_type(template, "AWS::S3::BucketPolicy").items()
        if ref_target(res.get("Properties", {}).get("Bucket")) == bucket
    }
    if len(policies) != 1:
        return problems + [f"expected exactly one bucket policy on the bucket, found {sorted(policies)}"]
    (_, props), = policies.items()
    statements = as_list((props.get("PolicyDocument") or {}).get("Statement"))
    allows = [s for s in statements if s.get("Effect") == "Allow"]
    denies = [s for s in statements if s.get("Effect") == "Deny"]
    if not allows:
        problems.append("bucket policy has no Allow statement for CloudFront")
    object_arn = {"Fn::Sub": "${" + str(bucket) + ".Arn}/*"}

    for stmt in statements:
        if stmt.get("Effect") not in ("Allow", "Deny"):
            problems.append(f"statement {stmt.get('Sid')!r} has invalid Effect {stmt.get('Effect')!r}")

    for stmt in allows:
        sid = stmt.get("Sid")
        principal = stmt.get("Principal")
        if "NotPrincipal" in stmt or "NotAction" in stmt or "NotResource" in stmt:
            problems.append(f"Allow statement {sid!r} must not use NotPrincipal/NotAction/NotResource")
        if principal_is_wildcard(principal):
            problems.append(f"Allow statement {sid!r} grants a wildcard principal {principal!r}")
        if principal != {"Service": CLOUDFRONT_SERVICE}:
            problems.append(f"Allow statement {sid!r} principal must be exactly the CloudFront service, is {principal!r}")
        actions = [a.lower() for a in as_list(stmt.get("Action"))]
        if actions != ["s3:getobject"]:
            problems.append(f"Allow statement {sid!r} must grant only s3:GetObject, grants {actions!r}")
        if as_list(stmt.get("Resource")) != [object_arn]:
            problems.append(f"Allow statement {sid!r} must cover only the bucket's objects, is {stmt.get('Resource')!r}")
        condition = stmt.get("Condition") or {}
        string_equals = {k.lower(): v for k, v in (condition.get("StringEquals") or {}).items()}
        source_arn = string_equals.get("aws:sourcearn")
        sub = source_arn.get("Fn::Sub") if isinstance(source_arn, dict) and set(source_arn) == {"Fn::Sub"} else None
        if not (isinstance(sub, str) and distribution and _expected_source_arn(distribution).match(sub)):
            problems.append(
                f"Allow statement {sid!r} must have StringEquals AWS:SourceArn = this distribution's ARN, "
                f"has {condition!r}"
            )

    tls_denied = any(
        principal_is_wildcard(s.get("Principal"))
        and "s3:*" in [a.lower() for a in as_list(s.get("Action"))]
        and ((s.get("Condition") or {}).get("Bool") or {}).get("aws:SecureTransport") in ("false", False)
        for s in denies
    )
    if not tls_denied:
        problems.append("bucket policy must deny s3:* when aws:SecureTransport is false")
    return problems


def check_origin_access_control(template: dict) -> list:
    problems: list = []
    bucket, _ = single_resource(template, "AWS::S3::Bucket", problems)
    oac, oac_props = single_resource(template, "AWS::CloudFront::OriginAccessControl", problems)
    cfg = oac_props.get("OriginAccessControlConfig") or {}
    expected = {"SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"}
    for key, value in expected.items():
        if cfg.get(key) != value:
            problems.append(f"OriginAccessControl {key} must be {value!r}, is {cfg.get(key)!r}")
    _, dist_props = single_resource(template, "AWS::CloudFront::Distribution", problems)
    origins = as_list((dist_props.get("DistributionConfig") or {}).get("Origins"))
    if not origins:
        problems.append("distribution has no origins")
    for origin in origins:
        oid = origin.get("Id")
        if getatt_target(origin.get("DomainName")) != (bucket, "RegionalDomainName"):
            problems.append(f"origin {oid!r} must be the bucket's RegionalDomainName, is {origin.get('DomainName')!r}")
        if getatt_target(origin.get("OriginAccessControlId")) != (oac, "Id"):
            problems.append(f"origin {oid!r} must use the OriginAccessControl, has {origin.get('OriginAccessControlId')!r}")
        s3cfg = origin.get("S3OriginConfig")
        if not isinstance(s3cfg, dict) or s3cfg.get("OriginAccessIdentity") != "":
            problems.append(f"origin {oid!r} needs S3OriginConfig with an empty OriginAccessIdentity, has {s3cfg!r}")
        if "CustomOriginConfig" in origin:
            problems.append(f"origin {oid!r} must not be a custom (website) origin")
    return problems


def _protected_behavior(dist_cfg: dict, pattern: str):
    if pattern == "":
        return "DefaultCacheBehavior", dist_cfg.get("DefaultCacheBehavior") or {}
    for behavior in as_list(dist_cfg.get("CacheBehaviors")):
        if behavior.get("PathPattern") == pattern:
            return f"CacheBehavior {pattern!r}", behavior
    return f"CacheBehavior {pattern!r}", None


def check_distribution(template: dict) -> list:
    """Checks the protected behavior in BOTH branches of ProtectedPathPattern."""
    problems: list = []
    for branch, overrides in BRANCHES.items():
        try:
            resolved = resolve_template(template, overrides)
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"[{branch}] template could not be evaluated: {exc!r}")
            continue
        branch_problems: list = []
        key_group, _ = single_resource(resolved, "AWS::CloudFront::KeyGroup", branch_problems)
        _, props = single_resource(resolved, "AWS::CloudFront::Distribution", branch_problems)
        cfg = props.get("DistributionConfig") or {}
        if cfg.get("Enabled") is not True:
            branch_problems.append("distribution must be enabled")
        if cfg.get("HttpVersion") != "http2and3":
            branch_problems.append(f"HttpVersion must be http2and3, is {cfg.get('HttpVersion')!r}")
        origin_ids = {o.get("Id") for o in as_list(cfg.get("Origins"))}
        name, behavior = _protected_behavior(cfg, overrides["ProtectedPathPattern"])
        if behavior is None:
            branch_problems.append(f"{name} is missing")
        else:
            if behavior.get("ViewerProtocolPolicy") not in HTTPS_POLICIES:
                branch_problems.append(
                    f"{name} ViewerProtocolPolicy must be one of {HTTPS_POLICIES}, is {behavior.get('ViewerProtocolPolicy')!r}"
                )
            groups = as_list(behavior.get("TrustedKeyGroups"))
            if not groups or any(ref_target(g) != key_group for g in groups):
                branch_problems.append(f"{name} TrustedKeyGroups must reference the key group, is {groups!r}")
            if behavior.get("TargetOriginId") not in origin_ids:
                branch_problems.append(f"{name} targets unknown origin {behavior.get('TargetOriginId')!r}")
            if behavior.get("CachePolicyId") != CACHING_OPTIMIZED:
                branch_problems.append(f"{name} must use the managed CachingOptimized cache policy")
            methods = sorted(behavior.get("AllowedMethods") or [])
            if methods != ["GET", "HEAD"]:
                branch_problems.append(f"{name} must allow only GET and HEAD, allows {methods!r}")
        problems.extend(f"[{branch}] {p}" for p in branch_problems)
    return problems


def check_key_group(template: dict) -> list:
    problems: list = []
    public_key, pk_props = single_resource(template, "AWS::CloudFront::PublicKey", problems)
    _, kg_props = single_resource(template, "AWS::CloudFront::KeyGroup", problems)
    items = as_list((kg_props.get("KeyGroupConfig") or {}).get("Items"))
    if not public_key or {"Ref": public_key} not in items:
        problems.append(f"key group must contain the PublicKey, has {items!r}")
    encoded = (pk_props.get("PublicKeyConfig") or {}).get("EncodedKey")
    if ref_target(encoded) != "PublicKeyPem":
        problems.append(f"PublicKey EncodedKey must come from the PublicKeyPem parameter, is {encoded!r}")
    return problems


def check_outputs(template: dict) -> list:
    problems: list = []
    outputs = template.get("Outputs") or {}
    bucket = next(iter(resources_of_type(template, "AWS::S3::Bucket")), None)
    dist = next(iter(resources_of_type(template, "AWS::CloudFront::Distribution")), None)
    public_key = next(iter(resources_of_type(template, "AWS::CloudFront::PublicKey")), None)
    expected = {
        "DistributionDomainName": {"Fn::GetAtt": [dist, "DomainName"]},
        "KeyPairId": {"Ref": public_key},
        "BucketName": {"Ref": bucket},
    }
    for name, value in expected.items():
        if name not in outputs:
            problems.append(f"output {name} is missing")
        elif outputs[name].get("Value") != value:
            problems.append(f"output {name} must be {value!r}, is {outputs[name].get('Value')!r}")
    if "SampleUrlPrefix" not in outputs:
        problems.append("output SampleUrlPrefix is missing")
    return problems


ALL_CHECKERS = (
    check_bucket,
    check_bucket_policy,
    check_origin_access_control,
    check_distribution,
    check_key_group,
    check_outputs,
)


def check_all(template: dict) -> list:
    return [p for checker in ALL_CHECKERS for p in checker(template)]


# --------------------------------------------------------------------------
# Tests on the shipped template.
# --------------------------------------------------------------------------


class TemplateTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.template = load_template()

    def assertNoProblems(self, problems):
        self.assertEqual(problems, [], "\n".join(problems))

    def test_loader_handles_short_form_tags(self):
        doc = yaml.load(
            "a: !Ref X\nb: !GetAtt Y.Arn\nc: !Sub 'x${Y}'\nd: !If [C, 1, 2]\ne: !Condition C\n",
            Loader=CfnLoader,
        )
        self.assertEqual(doc["a"], {"Ref": "X"})
        self.assertEqual(doc["b"], {"Fn::GetAtt": ["Y", "Arn"]})
        self.assertEqual(doc["c"], {"Fn::Sub": "x${Y}"})
        self.assertEqual(doc["d"], {"Fn::If": ["C", 1, 2]})
        self.assertEqual(doc["e"], {"Condition": "C"})

    def test_conditions_evaluate_per_branch(self):
        self.assertEqual(evaluate_conditions(self.template, {"ProtectedPathPattern": ""}), {"HasProtectedPath": False})
        self.assertEqual(
            evaluate_conditions(self.template, {"ProtectedPathPattern": "/private/*"}), {"HasProtectedPath": True}
        )
        # The parameter's default is the "whole distribution protected" branch.
        self.assertEqual(self.template["Parameters"]["ProtectedPathPattern"]["Default"], "")

    def test_bucket_blocks_public_access_and_enforces_owner(self):
        self.assertNoProblems(check_bucket(self.template))

    def test_bucket_policy_allows_only_this_distribution(self):
        self.assertNoProblems(check_bucket_policy(self.template))

    def test_origin_access_control_is_sigv4_always_s3_and_attached(self):
        self.assertNoProblems(check_origin_access_control(self.template))

    def test_protected_behavior_in_both_branches(self):
        self.assertNoProblems(check_distribution(self.template))

    def test_public_default_behavior_when_path_is_protected(self):
        resolved = resolve_template(self.template, {"ProtectedPathPattern": "/private/*"})
        cfg = resolved["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
        self.assertNotIn("TrustedKeyGroups", cfg["DefaultCacheBehavior"])
        self.assertIn(cfg["DefaultCacheBehavior"]["ViewerProtocolPolicy"], HTTPS_POLICIES)
        self.assertEqual(len(cfg["CacheBehaviors"]), 1)

    def test_no_extra_behaviors_when_default_is_protected(self):
        resolved = resolve_template(self.template, {"ProtectedPathPattern": ""})
        cfg = resolved["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
        self.assertNotIn("CacheBehaviors", cfg)

    def test_key_group_contains_public_key(self):
        self.assertNoProblems(check_key_group(self.template))

    def test_outputs_give_the_signer_its_three_values(self):
        self.assertNoProblems(check_outputs(self.template))

    def test_sample_url_prefix_per_branch(self):
        for overrides, prefix in (({"ProtectedPathPattern": ""}, "/"), ({"ProtectedPathPattern": "/private/*"}, "/private/")):
            value = resolve_template(self.template, overrides)["Outputs"]["SampleUrlPrefix"]["Value"]
            template_str, variables = value["Fn::Sub"]
            self.assertEqual(template_str, "https://${Domain}${Prefix}")
            self.assertEqual(variables["Prefix"], prefix)
            self.assertEqual(variables["Domain"], {"Fn::GetAtt": ["Distribution", "DomainName"]})

    def test_public_key_parameter_pattern_accepts_pem(self):
        pattern = re.compile(self.template["Parameters"]["PublicKeyPem"]["AllowedPattern"])
        pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
        self.assertTrue(pattern.match(pem))
        self.assertFalse(pattern.match("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n"))


# --------------------------------------------------------------------------
# Mutation tests: weaken a copy of the template, the checkers must object.
# --------------------------------------------------------------------------


def _bucket(t):
    return t["Resources"]["Bucket"]["Properties"]


def _statements(t):
    return t["Resources"]["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]


def _allow(t):
    return next(s for s in _statements(t) if s["Effect"] == "Allow")


def _dist(t):
    return t["Resources"]["Distribution"]["Properties"]["DistributionConfig"]


def _path_behavior(t):
    # CacheBehaviors: !If [HasProtectedPath, [behavior], !Ref AWS::NoValue]
    return _dist(t)["CacheBehaviors"]["Fn::If"][1][0]


def _set(getter, key, value):
    def mutate(t):
        getter(t)[key] = value

    return mutate


def _delete(getter, key):
    def mutate(t):
        del getter(t)[key]

    return mutate


MUTATIONS = {
    # S3 bucket
    "block_public_acls_false": (check_bucket, lambda t: _bucket(t)["PublicAccessBlockConfiguration"].update(BlockPublicAcls=False)),
    "block_public_policy_false": (check_bucket, lambda t: _bucket(t)["PublicAccessBlockConfiguration"].update(BlockPublicPolicy=False)),
    "ignore_public_acls_false": (check_bucket, lambda t: _bucket(t)["PublicAccessBlockConfiguration"].update(IgnorePublicAcls=False)),
    "restrict_public_buckets_false": (
        check_bucket,
        lambda t: _bucket(t)["PublicAccessBlockConfiguration"].update(RestrictPublicBuckets=False),
    ),
    "public_access_flag_as_string": (
        check_bucket,
        lambda t: _bucket(t)["PublicAccessBlockConfiguration"].update(BlockPublicAcls="yes"),
    ),
    "no_public_access_block": (check_bucket, _delete(_bucket, "PublicAccessBlockConfiguration")),
    "ownership_object_writer": (
        check_bucket,
        lambda t: _bucket(t)["OwnershipControls"]["Rules"][0].update(ObjectOwnership="ObjectWriter"),
    ),
    "no_ownership_controls": (check_bucket, _delete(_bucket, "OwnershipControls")),
    "no_default_encryption": (check_bucket, _delete(_bucket, "BucketEncryption")),
    "public_read_acl": (check_bucket, _set(_bucket, "AccessControl", "PublicRead")),
    # Bucket policy
    "allow_principal_star": (check_bucket_policy, _set(_allow, "Principal", "*")),
    "allow_principal_aws_star": (check_bucket_policy, _set(_allow, "Principal", {"AWS": "*"})),
    "extra_allow_aws_star_in_list": (
        check_bucket_policy,
        lambda t: _statements(t).append(
            {
                "Effect": "Allow",
                "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
                "Action": "s3:GetObject",
                "Resource": {"Fn::Sub": "${Bucket.Arn}/*"},
            }
        ),
    ),
    "allow_extra_service": (
        check_bucket_policy,
        _set(_allow, "Principal", {"Service": [CLOUDFRONT_SERVICE, "s3.amazonaws.com"]}),
    ),
    "allow_not_principal": (
        check_bucket_policy,
        lambda t: _allow(t).update(NotPrincipal={"AWS": "arn:aws:iam::111122223333:root"}),
    ),
    "allow_s3_star": (check_bucket_policy, _set(_allow, "Action", "s3:*")),
    "allow_list_bucket": (check_bucket_policy, _set(_allow, "Action", ["s3:GetObject", "s3:ListBucket"])),
    "allow_whole_bucket_resource": (check_bucket_policy, _set(_allow, "Resource", "*")),
    "allow_without_condition": (check_bucket_policy, _delete(_allow, "Condition")),
    "source_arn_any_distribution": (
        check_bucket_policy,
        _set(
            _allow,
            "Condition",
            {"StringLike": {"AWS:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*"}}},
        ),
    ),
    "source_arn_other_distribution": (
        check_bucket_policy,
        _set(
            _allow,
            "Condition",
            {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}},
        ),
    ),
    "no_tls_deny": (
        check_bucket_policy,
        lambda t: _statements(t).__setitem__(
            slice(None), [s for s in _statements(t) if s["Effect"] != "Deny"]
        ),
    ),
    # Origin access control
    "oac_signing_no_override": (
        check_origin_access_control,
        lambda t: t["Resources"]["OriginAccessControl"]["Properties"]["OriginAccessControlConfig"].update(
            SigningBehavior="no-override"
        ),
    ),
    "oac_signing_never": (
        check_origin_access_control,
        lambda t: t["Resources"]["OriginAccessControl"]["Properties"]["OriginAccessControlConfig"].update(
            SigningBehavior="never"
        ),
    ),
    "oac_wrong_type": (
        check_origin_access_control,
        lambda t: t["Resources"]["OriginAccessControl"]["Properties"]["OriginAccessControlConfig"].update(
            OriginAccessControlOriginType="mediastore"
        ),
    ),
    "origin_without_oac": (check_origin_access_control, lambda t: _dist(t)["Origins"][0].pop("OriginAccessControlId")),
    "origin_without_s3_origin_config": (check_origin_access_control, lambda t: _dist(t)["Origins"][0].pop("S3OriginConfig")),
    # Distribution, default-behavior-protected branch
    "default_behavior_allow_all": (
        check_distribution,
        lambda t: _dist(t)["DefaultCacheBehavior"].update(ViewerProtocolPolicy="allow-all"),
    ),
    "default_behavior_no_trusted_key_groups": (
        check_distribution,
        lambda t: _dist(t)["DefaultCacheBehavior"].pop("TrustedKeyGroups"),
    ),
    "default_behavior_key_groups_only_when_path_given": (
        check_distribution,
        lambda t: _dist(t)["DefaultCacheBehavior"]["TrustedKeyGroups"].update(
            {"Fn::If": ["HasProtectedPath", [{"Ref": "KeyGroup"}], {"Ref": "AWS::NoValue"}]}
        ),
    ),
    # Distribution, path-behavior-protected branch
    "path_behavior_allow_all": (check_distribution, lambda t: _path_behavior(t).update(ViewerProtocolPolicy="allow-all")),
    "path_behavior_no_trusted_key_groups": (check_distribution, lambda t: _path_behavior(t).pop("TrustedKeyGroups")),
    "path_behavior_wrong_pattern": (check_distribution, lambda t: _path_behavior(t).update(PathPattern="/other/*")),
    "path_behavior_allows_put": (
        check_distribution,
        lambda t: _path_behavior(t).update(AllowedMethods=["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]),
    ),
    "condition_inverted": (
        check_distribution,
        lambda t: t["Conditions"].update(HasProtectedPath={"Fn::Equals": [{"Ref": "ProtectedPathPattern"}, ""]}),
    ),
    "http1_only": (check_distribution, lambda t: _dist(t).update(HttpVersion="http1.1")),
    # Key group and public key
    "key_group_empty": (
        check_key_group,
        lambda t: t["Resources"]["KeyGroup"]["Properties"]["KeyGroupConfig"].update(Items=[]),
    ),
    "public_key_hardcoded": (
        check_key_group,
        lambda t: t["Resources"]["PublicKey"]["Properties"]["PublicKeyConfig"].update(
            EncodedKey="-----BEGIN PUBLIC KEY-----\nattacker\n-----END PUBLIC KEY-----"
        ),
    ),
    # Outputs
    "no_key_pair_id_output": (check_outputs, lambda t: t["Outputs"].pop("KeyPairId")),
    "no_bucket_name_output": (check_outputs, lambda t: t["Outputs"].pop("BucketName")),
    "no_domain_output": (check_outputs, lambda t: t["Outputs"].pop("DistributionDomainName")),
    "key_pair_id_wrong_value": (
        check_outputs,
        lambda t: t["Outputs"]["KeyPairId"].update(Value={"Ref": "KeyGroup"}),
    ),
}


class MutationTests(unittest.TestCase):
    """Each mutation weakens a deep copy of the template; the named checker
    (and check_all) must then report at least one problem."""

    @classmethod
    def setUpClass(cls):
        cls.template = load_template()

    def test_shipped_template_has_no_problems(self):
        self.assertEqual(check_all(self.template), [])

    def test_mutations_do_not_touch_the_original(self):
        before = copy.deepcopy(self.template)
        for _, mutate in MUTATIONS.values():
            mutate(copy.deepcopy(self.template))
        self.assertEqual(self.template, before)


def _make_mutation_test(checker, mutate):
    def test(self):
        mutated = copy.deepcopy(self.template)
        mutate(mutated)
        self.assertNotEqual(mutated, self.template, "mutation changed nothing")
        self.assertTrue(checker(mutated), f"{checker.__name__} accepted a weakened template")
        self.assertTrue(check_all(mutated), "check_all accepted a weakened template")

    return test


for _name, (_checker, _mutate) in MUTATIONS.items():
    setattr(MutationTests, f"test_mutation_{_name}", _make_mutation_test(_checker, _mutate))


def main() -> int:
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    line = f"{passed} passed, {failed} failed"
    if result.skipped:
        line += f", {len(result.skipped)} skipped"
    print(line)
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
