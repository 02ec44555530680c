"""Times requests to a credentials endpoint (ssopick exec --refresh / serve), as the SDKs make
them: a new connection per request, `Authorization: <token>`. Run as the command of
`ssopick exec --refresh ... -- python endpoint_client.py N [--renew CACHE_DIR]`; with --renew the
role's cached credentials are removed (untimed) before each request, so every request is a
renewal from the portal (GetRoleCredentials), as when the SDK asks 15 minutes before expiry."""
import http.client, os, sys, time, urllib.parse

url = urllib.parse.urlparse(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
token = os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
count = int(sys.argv[1])
renew = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--renew" else None
warmup = 20
times = []
for index in range(count + warmup):
    if renew:
        for name in os.listdir(renew):
            if name.endswith(".json"):
                os.remove(os.path.join(renew, name))
    connection = http.client.HTTPConnection(url.hostname, url.port)
    start = time.perf_counter()
    connection.request("GET", url.path, headers={"Authorization": token})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    connection.close()
    assert response.status == 200, response.status
    if index >= warmup:
        times.append(elapsed * 1000)
times.sort()
pick = lambda q: times[min(len(times) - 1, int(round(q * (len(times) - 1))))]
kind = "renewed from the portal" if renew else "from the cache"
print(f"one request ({kind}, new connection each): p50 {pick(0.5):.2f} ms, "
      f"p99 {pick(0.99):.2f} ms, min {times[0]:.2f}, max {times[-1]:.2f} ({count} requests)")
