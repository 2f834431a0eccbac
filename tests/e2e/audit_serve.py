#!/usr/bin/env python3
"""audit_serve.py — drives headless Chromium through chromedriver (W3C WebDriver over HTTP, standard library
only) on parplan-audit --serve: from the index, `n` goes to the first flagged value and `a` accepts it; `n`
again goes to the next flagged value, `e` opens its editor, the new value is typed and Enter saves it.
Prints the accepted and corrected item/field as shell assignments and saves a screenshot of the item page.
usage: audit_serve.py URL CHROMEDRIVER CHROMIUM SCREENSHOT.png VALUE"""
import base64, json, os, socket, subprocess, sys, time, urllib.request

url, driver, chrome, shot, value = sys.argv[1:6]

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p

port = free_port()
proc = subprocess.Popen([driver, "--port=%d" % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = "http://127.0.0.1:%d" % port

def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read().decode())["value"]

def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)

try:
    for _ in range(100):
        try:
            call("GET", "/status")
            break
        except Exception:
            time.sleep(0.1)
    else:
        fail("chromedriver did not start")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--window-size=1100,1400"]
    sid = call("POST", "/session", {"capabilities": {"alwaysMatch": {
        "goog:chromeOptions": {"binary": chrome, "args": args}}}})["sessionId"]
    S = "/session/" + sid

    def js(script):
        return call("POST", S + "/execute/sync", {"script": script, "args": []})

    def keys(*ks):
        acts = []
        for k in ks:
            for ch in k:
                acts += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        call("POST", S + "/actions", {"actions": [{"type": "key", "id": "kb", "actions": acts}]})

    def wait(cond, what):
        for _ in range(100):
            try:
                if js("return " + cond):
                    return
            except Exception:
                pass
            time.sleep(0.1)
        fail("timed out waiting for " + what + " at " + str(js("return location.href")) + ": " +
             str(js("return document.body ? document.body.innerText.slice(0, 300) : ''")))

    def here():
        return js("return [location.pathname, location.hash.slice(1)]")

    call("POST", S + "/url", {"url": url})
    wait("document.readyState === 'complete' && !!document.querySelector('#flags')", "the index")
    keys("n")
    wait("location.pathname.indexOf('/item/') === 0 && document.querySelector('section.field.cur.todo') !== null",
         "the first flagged value")
    item1, field1 = here()
    keys("a")
    wait("document.readyState === 'complete' && !!document.querySelector('#%s.st-accepted')" % field1,
         "the acceptance")
    keys("n")
    wait("location.hash.slice(1) !== '%s' && document.querySelector('section.field.cur.todo') !== null" % field1,
         "the next flagged value")
    item2, field2 = here()
    keys("e")
    wait("document.activeElement && document.activeElement.name === 'value'", "the editor")
    keys(value, "\ue007")
    wait("document.readyState === 'complete' && !!document.querySelector('#%s.st-corrected')" % field2,
         "the correction")
    shown = js("return document.querySelector('#%s b.corrected').textContent" % field2)
    if shown != value:
        fail("the page shows %r, typed %r" % (shown, value))
    js("var c=document.querySelector('section.field.cur'); if(c) c.scrollIntoView({block:'start'}); return 1")
    time.sleep(0.5)
    with open(shot, "wb") as f:
        f.write(base64.b64decode(call("GET", S + "/screenshot")))
    call("DELETE", S)
    print("ITEM1=%s FIELD1=%s ITEM2=%s FIELD2=%s" % (item1.split("/")[-1], field1[2:], item2.split("/")[-1],
                                                     field2[2:]))
finally:
    proc.terminate()
    proc.wait()
