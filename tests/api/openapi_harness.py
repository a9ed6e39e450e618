"""The harness of openapi_conformance.py: searchd started on a free port, raw and HTTP requests,
and the OpenAPI document with a checker that validates one answer against it (python3-jsonschema,
Draft 2020-12). Failures are collected in FAILURES and printed as they happen."""
import http.client
import json
import re
import socket
import subprocess
import sys
import urllib.parse

try:
    import jsonschema
except ImportError:
    sys.exit("needs python3-jsonschema: bash scripts/install-deps.sh --test (or apt-get install python3-jsonschema)")

FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL: " + message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


class Searchd:
    """The real daemon on a free loopback port; stopped with SIGTERM."""

    def __init__(self, binary, index, static, extra=()):
        self.proc = subprocess.Popen([binary, "--index", index, "--static", static, "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.stop()
            raise SystemExit("searchd did not start: " + line)
        self.port = int(m.group(1))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


class Doc:
    """The OpenAPI document: operations, responses and validators for their schemas."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.doc = json.loads(self.text)
        check(self.doc["openapi"].startswith("3.1"), "the document is OpenAPI 3.1")
        for name, schema in self.doc["components"]["schemas"].items():
            jsonschema.Draft202012Validator.check_schema(schema)

    def resolve(self, obj):
        while "$ref" in obj and obj["$ref"].startswith("#/components/responses/"):
            obj = self.doc["components"]["responses"][obj["$ref"].rsplit("/", 1)[1]]
        return obj

    def path_of(self, path):
        """The document's path item for a request path: exact first, then templates."""
        paths = self.doc["paths"]
        if path in paths:
            return path
        for template in paths:
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            if "{" in template and re.match(pattern, path):
                return template
        return None

    def validator(self, schema):
        root = dict(schema)
        root["components"] = self.doc["components"]  # "#/components/..." resolves in this root
        return jsonschema.Draft202012Validator(root)

    def query_params(self, path, method):
        op = self.doc["paths"][path][method]
        return {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}


def media_matches(header, key):
    """A Content-Type header against a media-type key: same type, and every parameter the key names."""
    def split(s):
        parts = [p.strip().lower() for p in s.split(";")]
        return parts[0], set(p for p in parts[1:] if p)
    htype, hparams = split(header)
    ktype, kparams = split(key)
    return htype == ktype and kparams <= hparams


def request(port, method, target, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, target, body=body, headers=headers or {})
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, {k.lower(): v for k, v in res.getheaders()}, data


class Checker:
    def __init__(self, doc):
        self.doc = doc
        self.exercised = set()   # (path template, method)
        self.codes = set()
        self.bodies = {}         # label -> parsed JSON of an answer, for the mutation checks

    def conforms(self, label, method, target, status, headers, data):
        """Status, content type and body of one answer against the document."""
        where = f"{method} {target} ({label})"
        path = urllib.parse.urlsplit(target).path
        template = self.doc.path_of(path)
        if template is None and status == 404:  # any other path: the document's NotFound answer
            response = {"$ref": "#/components/responses/NotFound"}
        else:
            if not check(template is not None, f"{where}: path not in the document"):
                return None
            op = self.doc.doc["paths"][template].get(method.lower())
            if not check(op is not None, f"{where}: method not in the document"):
                return None
            self.exercised.add((template, method.lower()))
            response = op["responses"].get(str(status))
        if not check(response is not None, f"{where}: status {status} not documented"):
            return None
        response = self.doc.resolve(response)
        content = response.get("content")
        if not content:
            check(not data, f"{where}: documented without a body, got {len(data)} bytes")
            return None
        ctype = headers.get("content-type", "")
        key = next((k for k in content if media_matches(ctype, k)), None)
        if not check(key is not None, f"{where}: content type {ctype!r} not among {list(content)}"):
            return None
        schema = content[key]["schema"]
        if schema.get("type") == "string":
            check(len(data) > 0, f"{where}: empty {key} body")
            return data.decode("utf-8")
        body = json.loads(data)
        errors = sorted(self.doc.validator(schema).iter_errors(body), key=str)
        for e in errors[:3]:
            fail(f"{where}: {e.message} at {list(e.absolute_path)}")
        if isinstance(body, dict) and "code" in body and status >= 400:
            self.codes.add(body["code"])
        self.bodies[label] = body
        return body

    def call(self, port, label, method, target, expect, code=None, headers=None, body=None):
        status, hdrs, data = request(port, method, target, headers, body)
        check(status == expect, f"{method} {target} ({label}): status {status}, expected {expect}: {data[:200]!r}")
        parsed = self.conforms(label, method, target, status, hdrs, data)
        if code is not None:
            check(isinstance(parsed, dict) and parsed.get("code") == code,
                  f"{method} {target} ({label}): code {parsed.get('code') if isinstance(parsed, dict) else None}, expected {code}")
        return parsed, hdrs


def raw_exchange(port, payload, wait_close=True):
    """Sends raw bytes, returns (status, headers, body) of the answer."""
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    if payload:
        s.sendall(payload)
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
        if not wait_close and b"\r\n\r\n" in data:
            head, _, rest = data.partition(b"\r\n\r\n")
            m = re.search(rb"content-length: *(\d+)", head, re.I)
            if m and len(rest) >= int(m.group(1)):
                break
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body
