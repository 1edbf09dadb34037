"""Checks what `promtool check metrics` does not: that a Prometheus text exposition
(format 0.0.4) keeps each family's samples together, right after its own HELP/TYPE, and
declares no family twice. Prints each problem; exits 1 if any. Usage: check_exposition.py < metrics"""
import re
import sys

SUFFIXES = ("_bucket", "_sum", "_count")
families = {}  # name -> type
seen = set()  # families whose block is over
current = None
problems = []
for number, line in enumerate(sys.stdin, 1):
    line = line.rstrip("\n")
    if not line:
        continue
    if line.startswith("# TYPE "):
        _, _, name, kind = line.split(" ", 3)
        if name in families:
            problems.append(f"line {number}: family {name} declared twice")
        if current:
            seen.add(current)
        families[name] = kind
        current = name
        continue
    if line.startswith("#"):
        continue
    name = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0)
    family = name
    if name not in families:
        for s in SUFFIXES:
            if name.endswith(s) and name[: -len(s)] in families:
                family = name[: -len(s)]
    if family != current:
        where = "after its block ended" if family in seen else "outside its block"
        problems.append(f"line {number}: {name} sample {where} (current family: {current})")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
