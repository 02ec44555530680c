"""A stand-in browser for scripts/bench/saml.sh: BROWSER=this script. Opens the IdP URL given,
follows the fake IdP's auto-submitting form by POSTing it to the loopback ACS, and writes the
time just before the POST (nanoseconds since 1970) to $SAML_BENCH_POSTED. Runs in the
background so ssopick's browser launch returns at once."""
import html, os, re, sys, time, urllib.parse, urllib.request

if os.fork():
    sys.exit(0)
url = sys.argv[1]
page = urllib.request.urlopen(url).read().decode()
action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
fields = {html.unescape(name): html.unescape(value)
          for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
body = urllib.parse.urlencode(fields).encode()
with open(os.environ["SAML_BENCH_POSTED"], "w") as out:
    out.write(str(time.time_ns()))
urllib.request.urlopen(urllib.request.Request(action, data=body)).read()
