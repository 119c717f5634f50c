#!/usr/bin/python3
"""Generate opsets/onnx.json: every op of the ONNX domains and each of its versions.

Versions known to the installed onnx package (python3-onnx 1.12: opsets ≤ 17) come from onnx.defs.
Versions after it come from ONNX's published operator changelog (docs/Changelog.md of the onnx/onnx
repository), given as an argument and parsed from its markdown.

    /usr/bin/python3 opsets/scripts/gen-onnx-opsets.py [path/to/Changelog.md ["label of that file"]] > opsets/onnx.json
"""
import json
import re
import sys

import onnx
import onnx.defs as defs
from onnx import helper

ATTR_TYPES = {v: k.lower() for k, v in onnx.AttributeProto.AttributeType.items()}


def default_value(a):
    if not a.default_value or a.default_value.type == 0:
        return None
    v = helper.get_attribute_value(a.default_value)
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, list):
        return [x.decode() if isinstance(x, bytes) else x for x in v]
    if isinstance(v, (int, float, str)):
        return v
    return None


def io(p):
    opt = {0: "single", 1: "optional", 2: "variadic"}[int(p.option)]
    d = {"name": p.name, "type": p.typeStr}
    if opt != "single":
        d[opt] = True
    if opt == "variadic" and not p.isHomogeneous:
        d["heterogeneous"] = True
    return d


def from_schema(s):
    return {
        "since": s.since_version,
        **({"deprecated": True} if s.deprecated else {}),
        "inputs": [io(p) for p in s.inputs],
        "outputs": [io(p) for p in s.outputs],
        "attributes": {
            name: {"type": ATTR_TYPES.get(int(a.type), str(a.type)), **({"required": True} if a.required else {}),
                   **({"default": default_value(a)} if default_value(a) is not None else {})}
            for name, a in sorted(s.attributes.items())
        },
        "typeConstraints": {t.type_param_str: list(t.allowed_type_strs) for t in s.type_constraints},
        "source": f"onnx {onnx.__version__} (onnx.defs)",
    }


CHANGELOG_LABEL = "onnx docs/Changelog.md"


def parse_changelog(path, known):
    """Op versions after the installed onnx: '### <a name="Op-N"></a>**Op-N**' sections of Changelog.md."""
    text = open(path, encoding="utf-8").read()
    out = {}
    sections = re.split(r'\n### <a name="([^"]+)"></a>', text)
    for i in range(1, len(sections), 2):
        anchor, body = sections[i], sections[i + 1]
        m = re.match(r"(?:(ai\.onnx\.[\w.]+)\.)?(\w+)-(\d+)$", anchor)
        if not m:
            continue
        domain, name, version = m.group(1) or "", m.group(2), int(m.group(3))
        if (domain, name, version) in known:
            continue
        entry = {"since": version, "inputs": [], "outputs": [], "attributes": {}, "typeConstraints": {}, "source": CHANGELOG_LABEL}
        for block, key in (("Inputs", "inputs"), ("Outputs", "outputs")):
            bm = re.search(r"#### " + block + r"[^\n]*\n\n<dl>(.*?)</dl>", body, re.S)
            for dt in re.findall(r"<dt><tt>(.*?)</tt>(.*?)</dt>", bm.group(1) if bm else "", re.S):
                nm, rest = dt
                tm = re.search(r":\s*([\w()]+)", rest)
                d = {"name": nm, "type": tm.group(1) if tm else ""}
                if "(optional" in rest:
                    d["optional"] = True
                if "(variadic" in rest:
                    d["variadic"] = True
                entry[key].append(d)
        am = re.search(r"#### Attributes\n\n<dl>(.*?)</dl>", body, re.S)
        for nm, ty, extra in re.findall(r"<dt><tt>(\w+)</tt> : (\w+)(.*?)</dt>", am.group(1) if am else "", re.S):
            a = {"type": ty.lower()}
            if "required" in extra:
                a["required"] = True
            dm = re.search(r"default is ([^)<]+)\)", extra)
            if dm:
                raw = dm.group(1).strip()
                try:
                    a["default"] = json.loads(raw)
                except ValueError:
                    a["default"] = raw
            entry["attributes"][nm] = a
        tcm = re.search(r"#### Type Constraints\n\n<dl>(.*?)</dl>", body, re.S)
        for nm, types in re.findall(r"<dt><tt>(\w+)</tt> : (.*?)</dt>", tcm.group(1) if tcm else "", re.S):
            entry["typeConstraints"][nm] = [t.strip() for t in types.split(",")]
        out.setdefault((domain, name), []).append(entry)
    return out


def main():
    ops = {}
    known = set()
    for s in defs.get_all_schemas_with_history():
        if s.domain not in ("", "ai.onnx.ml", "ai.onnx.preview.training"):
            continue
        ops.setdefault((s.domain, s.name), []).append(from_schema(s))
        known.add((s.domain, s.name, s.since_version))
    global CHANGELOG_LABEL
    if len(sys.argv) > 2:
        CHANGELOG_LABEL = sys.argv[2]
    if len(sys.argv) > 1:
        for key, versions in parse_changelog(sys.argv[1], known).items():
            ops.setdefault(key, []).extend(versions)
    domains = {}
    for (domain, name), versions in sorted(ops.items()):
        versions.sort(key=lambda v: v["since"])
        domains.setdefault(domain or "ai.onnx", {})[name] = versions
    newest = max(v["since"] for vs in domains["ai.onnx"].values() for v in vs)
    json.dump({"generatedBy": "opsets/scripts/gen-onnx-opsets.py", "onnxPackage": onnx.__version__, "newestOpset": newest, "domains": domains},
              sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
