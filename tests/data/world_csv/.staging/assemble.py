import json, sys, glob, os, csv, io
# usage: assemble.py NAME TOTAL  -> joins .staging/NAME.p*.json (json string literals) in order
d = os.path.dirname(os.path.abspath(__file__))
name, total = sys.argv[1], int(sys.argv[2])
crlf = "--crlf" in sys.argv
parts = sorted(glob.glob(os.path.join(d, name + ".p*.json")), key=lambda p: int(p.rsplit(".p",1)[1].split(".")[0]))
text = ""
for p in parts:
    raw = open(p, encoding="utf-8").read().strip()
    s = json.loads(raw)
    print(os.path.basename(p), len(s))
    text += s
if crlf:
    from crlf import to_crlf_outside_quotes
    text = to_crlf_outside_quotes(text)
print("joined", len(text), "expected", total, "OK" if len(text)==total else "MISMATCH")
if len(text) == total:
    out = os.path.join(os.path.dirname(d), name + ".csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print("wrote", out, os.path.getsize(out), "bytes")
