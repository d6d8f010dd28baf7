import json, sys
def to_crlf_outside_quotes(s):
    out=[];q=False
    for ch in s:
        if ch=='"': q = not q
        if ch=='\n' and not q: out.append('\r\n')
        else: out.append(ch)
    return ''.join(out)
