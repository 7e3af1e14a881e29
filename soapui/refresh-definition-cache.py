#!/usr/bin/env python3
"""Copies wsdl/invitations.wsdl and wsdl/invitations.xsd into the SoapUI project's definition cache,
so that SoapUI opens the project offline with the current contract. Run after changing the contract:

    python3 soapui/refresh-definition-cache.py

SoapUiProjectReplayTest fails while the cache and wsdl/ differ."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
project = root / "soapui" / "invitations-soapui-project.xml"
text = project.read_text(encoding="utf-8")
for url, name in (("${#Project#endpoint}?wsdl", "invitations.wsdl"), ("invitations.xsd", "invitations.xsd")):
    content = (root / "wsdl" / name).read_text(encoding="utf-8")
    if "]]>" in content:
        raise SystemExit(name + " contains ']]>', which a CDATA section cannot hold")
    pattern = re.compile(r"(<con:part><con:url>" + re.escape(url) + r"</con:url><con:content><!\[CDATA\[)(.*?)(\]\]></con:content>)",
                         re.DOTALL)
    text, count = pattern.subn(lambda m: m.group(1) + content + m.group(3), text)
    if count != 1:
        raise SystemExit("expected one cached part for " + url + ", found " + str(count))
project.write_text(text, encoding="utf-8")
print("definition cache of", project.relative_to(root), "now equals wsdl/")
