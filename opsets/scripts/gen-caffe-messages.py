#!/usr/bin/env python3
"""Read a caffe.proto and write the `messages` part of opsets/caffe.json: for every message, its fields
(number, label, type, default) and nested enums. Entries whose `source` names a fork are kept as they are.

    python3 opsets/scripts/gen-caffe-messages.py path/to/caffe.proto "BVLC/caffe src/caffe/proto/caffe.proto @ <commit>"
"""
import json, re, sys

FIELD = re.compile(r'^(optional|repeated|required)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*(\[[^\]]*\])?\s*;')
DEFAULT = re.compile(r'default\s*=\s*("(?:[^"\\]|\\.)*"|[^,\]\s]+)')


def parse(text):
    text = re.sub(r'//[^\n]*', '', text)
    tokens = re.findall(r'[{}]|[^{};]+;|[^{};]+(?={)', text)
    messages, stack = {}, []
    for raw in tokens:
        t = ' '.join(raw.split())
        if not t:
            continue
        if t == '}':
            stack.pop()
            continue
        m = re.match(r'^(message|enum)\s+(\w+)$', t)
        if m:
            kind, name = m.groups()
            if kind == 'message':
                messages[name] = {'fields': {}, 'enums': {}}
                stack.append(('message', name))
            else:
                owner = next((n for k, n in reversed(stack) if k == 'message'), None)
                target = messages[owner]['enums'] if owner else messages.setdefault('$top', {'fields': {}, 'enums': {}})['enums']
                target[name] = {}
                stack.append(('enum', (owner, name)))
            continue
        if not stack:
            continue
        kind, ref = stack[-1]
        if kind == 'enum':
            em = re.match(r'^(\w+)\s*=\s*(-?\d+)\s*;$', t)
            if em:
                owner, name = ref
                enums = messages[owner]['enums'] if owner else messages['$top']['enums']
                enums[name][em.group(1)] = int(em.group(2))
            continue
        fm = FIELD.match(t)
        if fm:
            label, typ, name, num, opts = fm.groups()
            field = {'number': int(num), 'label': label, 'type': typ}
            dm = DEFAULT.search(opts or '')
            if dm:
                d = dm.group(1)
                if d.startswith('"'):
                    field['default'] = json.loads(d)
                elif d in ('true', 'false'):
                    field['default'] = d == 'true'
                else:
                    try:
                        field['default'] = float(d) if re.search(r'[.eE]', d) else int(d)
                    except ValueError:
                        field['default'] = d
            messages[ref]['fields'][name] = field
    return messages


def main():
    proto, source = sys.argv[1], sys.argv[2]
    parsed = parse(open(proto).read())
    path = 'opsets/caffe.json'
    table = json.load(open(path))
    old = table.get('messages', {})
    out = {k: v for k, v in old.items() if v.get('source', source) != source and not v.get('source', '').startswith('BVLC')}
    for name, msg in parsed.items():
        if name == '$top':
            continue
        out[name] = {'source': source, **msg}
    table['messages'] = dict(sorted(out.items()))
    with open(path, 'w') as f:
        json.dump(table, f, indent=1, ensure_ascii=False)
        f.write('\n')


main()
