#!/usr/bin/env python3
"""Seeds a benchmark club through the API: a club, N members (by CSV import), a plan sold to some of them.

Prints shell assignments (TOKEN, BRANCH, MEMBERS_FILE) for bench/run.sh. Uses only the public API."""
import json, os, random, sys, time, urllib.request, uuid

API = os.environ.get("API", "http://localhost:8080")
MEMBERS = int(os.environ.get("MEMBERS", "100000"))
SUBSCRIBED = int(os.environ.get("SUBSCRIBED", "2000"))
OPERATOR = os.environ.get("OPERATOR_EMAIL", "operator@liyaqa.local"), os.environ.get("OPERATOR_PASSWORD", "Platform-ops-2026!")
WORK = os.environ.get("WORK_DIR", "/tmp/liyaqa-bench")

def call(method, path, body=None, token=None, headers=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(API + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    with urllib.request.urlopen(request, timeout=120) as response:
        text = response.read().decode()
        return json.loads(text) if text else None

def main():
    os.makedirs(WORK, exist_ok=True)
    operator = call("POST", "/api/platform/auth/login", {"email": OPERATOR[0], "password": OPERATOR[1]})["accessToken"]
    slug = "bench-" + uuid.uuid4().hex[:8]
    call("POST", "/api/platform/tenants", {"slug": slug, "name": "Benchmark Club", "ownerName": "Owner",
                                          "ownerEmail": f"owner@{slug}.test", "ownerPassword": "Bench-keys-2026!"}, operator)
    tenant_id = call("GET", f"/api/platform/tenants/{slug}", token=operator)["id"]
    token = call("POST", "/api/auth/login", {"email": f"owner@{slug}.test", "password": "Bench-keys-2026!"},
                 headers={"X-Tenant-Id": slug})["accessToken"]

    first_en = ["Ahmed", "Sara", "Fahad", "Noura", "Khalid", "Reem", "Omar", "Lama", "Abdullah", "Hessa", "Faisal", "Joud", "Turki", "Maha"]
    first_ar = ["أحمد", "سارة", "فهد", "نورة", "خالد", "ريم", "عمر", "لمى", "عبدالله", "حصة", "فيصل", "جود", "تركي", "مها"]
    last_en = ["Al-Harbi", "Al-Otaibi", "Al-Qahtani", "Al-Ghamdi", "Al-Zahrani", "Al-Shehri", "Al-Dosari", "Al-Mutairi", "Al-Anazi", "Al-Shammari"]
    last_ar = ["الحربي", "العتيبي", "القحطاني", "الغامدي", "الزهراني", "الشهري", "الدوسري", "المطيري", "العنزي", "الشمري"]
    rows = ["firstNameEn,lastNameEn,firstNameAr,lastNameAr,email,phone,gender"]
    rng = random.Random(42)
    for i in range(1, MEMBERS + 1):
        f, l = rng.randrange(len(first_en)), rng.randrange(len(last_en))
        rows.append(f"{first_en[f]},{last_en[l]},{first_ar[f]},{last_ar[l]},member{i}@{slug}.test,05{50000000 + i:08d},{'male' if i % 2 else 'female'}")
    csv = ("\n".join(rows)).encode()

    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"members.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode() + csv + f"\r\n--{boundary}--\r\n".encode()
    started = time.time()
    job = call("POST", "/api/members/imports", token=token, raw=body, content_type=f"multipart/form-data; boundary={boundary}")
    while job["status"] not in ("Completed", "Failed"):
        time.sleep(2)
        job = call("GET", f"/api/members/imports/{job['id']}", token=token)
    print(f"# import of {MEMBERS} members: {job['status']} in {time.time() - started:.1f} s, created {job['created']}, failed {job['failed']}", file=sys.stderr)

    branch = call("GET", "/api/branches", token=token)[0]["id"]
    plan = call("POST", "/api/membership-plans", {"nameEn": "Bench", "nameAr": "اختبار", "kind": "TimeBased", "duration": 12, "durationUnit": "Months",
                                                  "price": 1200, "priceIncludesVat": True, "joiningFee": 0,
                                                  "terms": {"allBranches": True, "branchIds": [], "maxFreezesPerYear": 0, "minFreezeDays": 0, "maxFreezeDays": 0}}, token)["id"]
    ids = []
    page = 1
    while len(ids) < SUBSCRIBED:
        items = call("GET", f"/api/members?sort=number&pageSize=100&page={page}", token=token)["items"]
        for m in items:
            call("POST", f"/api/members/{m['id']}/subscriptions", {"planId": plan}, token)
            ids.append(m["id"])
        page += 1
    with open(os.path.join(WORK, "members.txt"), "w") as out:
        out.write("\n".join(ids[:SUBSCRIBED]))

    # Classes to book: 20 one-hour classes the day after tomorrow, 100 places each (2,000 places in all).
    kind = call("POST", "/api/class-types", {"nameEn": "Circuit", "nameAr": "دائري", "durationMinutes": 45, "defaultCapacity": 100}, token)["id"]
    start = time.time() + 2 * 86400
    sessions = [call("POST", "/api/class-sessions", {"classTypeId": kind, "branchId": branch, "capacity": 100,
                                                      "startsAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + i * 3600))}, token)["id"]
                for i in range(20)]
    with open(os.path.join(WORK, "sessions.txt"), "w") as out:
        out.write("\n".join(sessions))
    print(f"TENANT_ID={tenant_id}\nTOKEN={token}\nBRANCH={branch}\nMEMBERS_FILE={os.path.join(WORK, 'members.txt')}\nSESSIONS_FILE={os.path.join(WORK, 'sessions.txt')}")

main()
