// End-to-end journeys in real headless Chromium against a running API (LIYAQA_API_URL):
// builds the web app when needed, starts `next start` on WEB_PORT, runs the staff journey in English
// and again in Arabic, checks every main screen with axe-core and saves screenshots to docs/screenshots/.
// Exit code 0 only when every step passed. LIYAQA_MAILDIR (the SMTP sink's Maildir) enables the QR step.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const apiUrl = (process.env.LIYAQA_API_URL ?? "http://localhost:8080").replace(/\/$/, "");
const port = Number(process.env.WEB_PORT ?? 3100);
const base = process.env.WEB_URL ?? `http://localhost:${port}`;
const club = process.env.LIYAQA_CLUB ?? "test-tenant";
const admin = { email: process.env.LIYAQA_ADMIN_EMAIL ?? "admin@test.com", password: process.env.LIYAQA_ADMIN_PASSWORD ?? "Test123!@#" };
const maildir = process.env.LIYAQA_MAILDIR;
const shots = path.resolve(root, process.env.SCREENSHOT_DIR ?? "../../docs/screenshots");
const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
const run = Date.now().toString(36).slice(-5);
const results = [];

function log(...args) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

async function waitFor(check, what, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function startWeb() {
  if (process.env.WEB_URL) return null;
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    log("building the web app");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  log(`starting next on ${base} against ${apiUrl}`);
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, LIYAQA_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.on("data", (d) => process.env.E2E_VERBOSE && process.stdout.write(d));
  child.stderr.on("data", (d) => process.stderr.write(d));
  return child;
}

/** axe-core on the page as it is: any serious or critical violation fails the step. */
async function checkAccessibility(page, screen) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  if (violations.length) throw new Error(`axe on ${screen}: ${violations.join("; ")}`);
}

async function screen(page, locale, name) {
  const started = Date.now();
  await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 30_000 }).catch(() => {});
  await checkAccessibility(page, `${locale}/${name}`);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${locale}-${name}.png`), fullPage: true });
  if (process.env.E2E_VERBOSE) log(`  screen ${locale}/${name} checked in ${Date.now() - started} ms`);
}

let currentPage;
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error).split("\n").slice(0, 6).join("\n") });
    log(`✗ ${name}: ${error?.message ?? error}`);
    mkdirSync(path.join(root, "e2e/output"), { recursive: true });
    await currentPage?.screenshot({ path: path.join(root, "e2e/output", `failed-${results.length}.png`), fullPage: true }).catch(() => {});
    throw error;
  }
}

/** Today in Riyadh, and the Saturday that starts its week. */
function riyadhDay(offsetDays = 0) {
  const now = new Date(Date.now() + 3 * 3600_000 + offsetDays * 86400_000);
  return now.toISOString().slice(0, 10);
}
function weekStart(day) {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 1) % 7) * 86400_000).toISOString().slice(0, 10);
}

/** The set-password token from the newest mail to `email` in the SMTP sink's Maildir. */
async function invitationToken(email) {
  let token;
  await waitFor(
    () => {
      const dir = path.join(maildir, "new");
      const files = readdirSync(dir).map((f) => path.join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
      for (const file of files.slice(0, 200)) {
        const raw = readFileSync(file, "utf8");
        if (!raw.toLowerCase().includes(email.toLowerCase())) continue;
        const text = raw.replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
        const match = /token=([A-Za-z0-9_\-%.~]+)/.exec(text);
        if (match) {
          token = decodeURIComponent(match[1]);
          return true;
        }
      }
      return false;
    },
    `the invitation mail to ${email}`,
    60_000,
  );
  return token;
}

/** A fresh check-in pass (what the member app shows as a QR code) for the member's own account. */
async function checkInPass(email, password) {
  const login = await fetch(`${apiUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Tenant-Id": club },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`member sign-in answered ${login.status}`);
  const { accessToken } = await login.json();
  const pass = await fetch(`${apiUrl}/api/me/check-in-pass`, { method: "POST", headers: { Authorization: `Bearer ${accessToken}` } });
  if (!pass.ok) throw new Error(`check-in pass answered ${pass.status}`);
  return (await pass.json()).token;
}

async function journey(browser, locale) {
  const ar = locale === "ar";
  const context = await browser.newContext({ locale: ar ? "ar-SA" : "en-GB", viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  currentPage = page;
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = `${run}${locale}`;
  const plan = `Plan ${tag}`;
  const classType = `Yoga ${tag}`;
  const first = ar ? "سارة" : "Sara";
  const last = `${ar ? "العتيبي" : "Otaibi"}${tag}`;
  const email = `sara.${tag}@example.com`;
  const phone = `+9665${String(Date.now()).slice(-8, -1)}${ar ? 1 : 2}`;
  const memberPassword = "Member-pass-2026!";
  const digits = ar ? /[٠-٩]/ : /[0-9]/;
  const latinDigits = /[0-9]/;
  let memberUrl;

  await step(`${locale}: sign-in screen, wrong password refused, then signed in`, async () => {
    await page.goto(`${base}/${locale}/sign-in`);
    if ((await page.getAttribute("html", "dir")) !== (ar ? "rtl" : "ltr")) throw new Error("wrong dir on <html>");
    if ((await page.getAttribute("html", "lang")) !== locale) throw new Error("wrong lang on <html>");
    await page.fill("#club", club);
    await page.fill("#email", admin.email);
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    await page.waitForSelector('[data-outcome="invalid"]');
    await screen(page, locale, "sign-in");
    await page.fill("#password", admin.password);
    await page.click("button[type=submit]");
    await page.waitForSelector("[data-me]:not(:empty)");
    const cookies = await context.cookies();
    const access = cookies.find((c) => c.name === "lq_at");
    if (!access?.httpOnly || access.sameSite !== "Lax") throw new Error("the access token cookie must be httpOnly and SameSite=Lax");
    if (await page.evaluate(() => document.cookie.includes("lq_"))) throw new Error("page JavaScript can read the session");
    if (ar && !(await page.innerText("nav")).includes("الأعضاء")) throw new Error("no Arabic navigation");
    await page.waitForSelector("[data-leads-chart] .recharts-bar-rectangle, [data-leads-chart] svg");
    await page.waitForFunction(() => /[0-9٠-٩]/.test(document.querySelector('[data-kpi="expiring"]')?.textContent ?? ""));
    await screen(page, locale, "dashboard");
  });

  await step(`${locale}: create a plan and a class type in settings`, async () => {
    await page.click('[data-nav="settings"]');
    await page.click('[data-tab="plans"]');
    await page.fill("#planNameEn", plan);
    await page.fill("#planNameAr", `باقة ${tag}`);
    await page.fill("#price", "345");
    await page.fill("#classCredits", "8");
    await page.click('[data-action="save-plan"]');
    await page.waitForSelector(`[data-plans] >> text=${ar ? `باقة ${tag}` : plan}`);
    await screen(page, locale, "settings");
    // Edit the plan just made: a freeze more a year (the price the next step checks stays).
    await page.locator("[data-plans] li", { hasText: ar ? `باقة ${tag}` : plan }).locator('[data-action="edit"]').click();
    const planForm = page.locator('[data-plan-form]:not([data-plan-form="new"])');
    await planForm.locator('input[name$="-maxFreezes"]').fill("3");
    await planForm.locator('[data-action="save-plan"]').click();
    await planForm.waitFor({ state: "detached" });
    // The club's profile saves as it is.
    await page.click('[data-tab="club"]');
    await page.click('[data-action="save-club"]');
    await page.waitForSelector('[data-club-form] [role="status"]');
    // A branch open every day, then edited to close on Fridays (named to sort after the main branch the desk uses).
    await page.click('[data-tab="branches"]');
    const newBranch = page.locator('[data-branch-form="new"]');
    await newBranch.locator("#new-NameEn").fill(`Zulfi ${tag}`);
    await newBranch.locator("#new-NameAr").fill(`الزلفي ${tag}`);
    await newBranch.locator('[data-action="save-branch"]').click();
    const branchRow = page.locator("[data-branches] li", { hasText: ar ? `الزلفي ${tag}` : `Zulfi ${tag}` });
    await branchRow.waitFor();
    await branchRow.locator('[data-action="edit"]').click();
    await branchRow.locator('[data-day="Friday"] input[type="checkbox"]').uncheck();
    await branchRow.locator('[data-action="save-branch"]').click();
    await branchRow.locator("[data-branch-form]").waitFor({ state: "detached" });
    const hours = await branchRow.locator("[data-branch-hours]").innerText();
    if (hours.includes(ar ? "الجمعة" : "Fri") || !hours.includes(ar ? "السبت" : "Sat")) throw new Error(`branch hours after the edit: ${hours}`);
    await screen(page, locale, "settings-branches");
    await page.click('[data-tab="classes"]');
    await page.fill("#typeNameEn", classType);
    await page.fill("#typeNameAr", `يوغا ${tag}`);
    await page.click('[data-action="save-class-type"]');
    await page.waitForSelector(`text=${ar ? `يوغا ${tag}` : classType}`);
  });

  await step(`${locale}: create a member, with the API's field errors shown first`, async () => {
    await page.click('[data-nav="members"]');
    await page.waitForSelector("[data-members-table], [data-empty]");
    await screen(page, locale, "members");
    await page.click('[data-action="new-member"]');
    await page.fill("#firstNameEn", "Sara");
    await page.fill("#lastNameEn", `Otaibi${tag}`);
    await page.fill("#firstNameAr", "سارة");
    await page.fill("#lastNameAr", `العتيبي${tag}`);
    await page.fill("#email", email);
    await page.fill("#phone", "12345");
    await page.click('[data-action="save-member"]');
    await page.waitForSelector('[data-field-error="phone"]');
    if ((await page.getAttribute("#phone", "aria-invalid")) !== "true") throw new Error("the phone field is not marked invalid");
    const phoneError = await page.innerText('[data-field-error="phone"]');
    if (ar !== /[\u0600-\u06FF]/.test(phoneError)) throw new Error(`the phone error is not in the page's language: ${phoneError}`);
    await screen(page, locale, "member-form");
    await page.fill("#phone", phone);
    await page.click('[data-action="save-member"]');
    await page.waitForSelector("[data-member-name]");
    memberUrl = page.url();
    const name = await page.innerText("[data-member-name]");
    if (!name.includes(ar ? "سارة" : "Sara")) throw new Error(`profile shows ${name}`);
    await page.waitForSelector('[data-status="Lead"]');
  });

  await step(`${locale}: sell the membership`, async () => {
    await page.click('[data-action="sell"]');
    await page.selectOption("#planId", { label: new RegExp(ar ? `باقة ${tag}` : plan) }).catch(async () => {
      const value = await page.$eval("#planId", (el, wanted) => [...el.options].find((o) => o.text.includes(wanted))?.value, ar ? `باقة ${tag}` : plan);
      await page.selectOption("#planId", value);
    });
    await page.click('[data-action="confirm-sell"]');
    await page.waitForSelector('[data-subscription-state="Active"]');
    await page.waitForSelector('[data-status="Active"]');
    const money = await page.innerText("[data-money]");
    if (!(ar ? money.includes("٣٤٥٫٠٠") : /SAR\s345\.00/.test(money))) throw new Error(`price shown as ${money}`);
    await screen(page, locale, "member-profile");
  });

  const tomorrow = riyadhDay(1);
  await step(`${locale}: schedule a class tomorrow and book the member onto it`, async () => {
    await page.click('[data-nav="schedule"]');
    await page.click('[data-action="new-class"]');
    const typeValue = await page.$eval("#classTypeId", (el, wanted) => [...el.options].find((o) => o.text.includes(wanted))?.value, ar ? `يوغا ${tag}` : classType);
    await page.selectOption("#classTypeId", typeValue);
    await page.fill("#day", tomorrow);
    await page.fill("#time", ar ? "19:30" : "18:30");
    await page.fill("#capacity", "12");
    await page.click('[data-action="save-class"]');
    await page.waitForSelector('[data-class-form]', { state: "detached" });
    if (weekStart(tomorrow) !== weekStart(riyadhDay(0))) await page.click(`text=${ar ? "الأسبوع التالي" : "Next week"}`);
    const session = page.locator("[data-session]", { hasText: ar ? `يوغا ${tag}` : classType });
    await session.click();
    await page.waitForSelector("[data-class-panel]");
    const search = page.locator("[data-class-panel] [data-member-search]");
    await search.fill(last);
    await page.waitForSelector("[data-class-panel] [data-member-option]");
    await search.press("ArrowDown");
    await search.press("Enter");
    await page.waitForSelector('[data-booking-status="Booked"]');
    // The class's card: its time and places left in the locale's digits (the tag is the only Latin text).
    const card = (await page.locator("[data-session]", { hasText: ar ? `يوغا ${tag}` : classType }).innerText()).replace(tag, "");
    if (!digits.test(card) || (ar && latinDigits.test(card))) throw new Error(`class card not in the locale's digits: ${card}`);
    await screen(page, locale, "schedule");
  });

  await step(`${locale}: the front desk checks the member in by search`, async () => {
    await page.click('[data-nav="checkIn"]');
    await page.waitForSelector("[data-occupancy]"); // the desk is live (hydrated) once it shows occupancy
    // Headless Chromium on Linux has no camera (nor BarcodeDetector): the desk says so and the box still works.
    await page.click('[data-action="camera-scan"]');
    const camera = await page.innerText("[data-camera-status]");
    if (ar !== /[\u0600-\u06FF]/.test(camera)) throw new Error(`the camera fallback is not in the page's language: ${camera}`);
    const box = page.locator("[data-member-search]");
    await box.fill(last);
    await page.waitForSelector("[data-member-option]");
    await screen(page, locale, "check-in");
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForSelector('[data-check-in-result="allowed"]');
    const text = await page.innerText('[data-check-in-result="allowed"]');
    if (!text.includes(ar ? "أهلًا وسهلًا" : "Welcome in")) throw new Error(`allowed screen says ${text}`);
    await screen(page, locale, "check-in-allowed");
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-check-in-result]", { state: "detached" });
  });

  await step(`${locale}: the member's QR code scanned at the desk (refused: already in, said in the staff's language)`, async () => {
    if (!maildir) throw new Error("LIYAQA_MAILDIR is not set; cannot read the member app invitation");
    await page.goto(memberUrl);
    await page.click('[data-action="invite-app"]');
    await page.waitForSelector('[role="status"]');
    const token = await invitationToken(email);
    await page.goto(`${base}/${locale}/reset-password?tenant=${club}&token=${encodeURIComponent(token)}`);
    await page.fill("#newPassword", memberPassword);
    await page.click("button[type=submit]");
    await page.waitForSelector('[role="status"]');
    const qr = await checkInPass(email, memberPassword);
    await page.goto(`${base}/${locale}/check-in`);
    await page.waitForSelector("[data-occupancy]");
    const box = page.locator("[data-member-search]");
    await box.fill(qr);
    await box.press("Enter");
    await page.waitForSelector('[data-check-in-result="denied"]');
    const reason = await page.getAttribute("[data-check-in-reason]", "data-check-in-reason");
    const text = await page.innerText('[data-check-in-result="denied"]');
    if (reason !== "already-checked-in") throw new Error(`QR check-in refused with ${reason}`);
    if (!text.includes(ar ? "سجّل الدخول قبل لحظات." : "Already checked in a moment ago.")) throw new Error(`reason shown as ${text}`);
    if (!text.includes(ar ? "سارة" : "Sara")) throw new Error("the scanned member is not named");
    await screen(page, locale, "check-in-denied");
    await page.keyboard.press("Escape");
  });

  await step(`${locale}: freeze the membership; the class booking is given up`, async () => {
    await page.goto(memberUrl);
    await page.click('[data-action="freeze"]');
    await page.fill("#freezeDays", "7");
    await page.click('[data-action="confirm-freeze"]');
    await page.waitForSelector('[data-subscription-state="Frozen"]');
    await page.waitForSelector('[data-status="Frozen"]');
    await page.click('[data-tab="bookings"]');
    await page.waitForSelector('[data-member-booking="Cancelled"]');
    await screen(page, locale, "member-bookings");
    await page.click('[data-nav="schedule"]');
    if (weekStart(tomorrow) !== weekStart(riyadhDay(0))) await page.click(`text=${ar ? "الأسبوع التالي" : "Next week"}`);
    await page.locator("[data-session]", { hasText: ar ? `يوغا ${tag}` : classType }).click();
    await page.waitForSelector('[data-class-panel] [data-booking-status="Cancelled"]');
  });

  await step(`${locale}: import a CSV with a bad row and see the row's error`, async () => {
    await page.click('[data-nav="members"]');
    await page.click(`text=${ar ? "استيراد CSV" : "Import CSV"}`);
    const csv = `firstNameEn,lastNameEn,email,phone\nNoura,Import${tag},noura.${tag}@example.com,+9665${String(Date.now()).slice(-8, -1)}${ar ? 3 : 4}\nBad,Row${tag},bad-${tag}@example.com,12\n`;
    await page.setInputFiles("#file", { name: `members-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.click('[data-action="start-import"]');
    await page.waitForSelector('[data-import-status="Completed"]', { timeout: 90_000 });
    const failed = await page.innerText('[data-import-count="failed"] dd');
    const created = await page.innerText('[data-import-count="created"] dd');
    if (failed !== (ar ? "١" : "1") || created !== (ar ? "١" : "1")) throw new Error(`import counts created=${created} failed=${failed}`);
    await page.waitForSelector('[data-import-error-row="2"]');
    await screen(page, locale, "import");
  });

  await step(`${locale}: staff, kiosk and dashboard screens`, async () => {
    await page.click('[data-nav="staff"]');
    await page.waitForSelector(`text=${admin.email}`);
    await screen(page, locale, "staff");
    await page.click('[data-nav="dashboard"]');
    await page.waitForSelector('[data-kpi="check-ins"]');
    await page.waitForFunction(() => /[0-9٠-٩]/.test(document.querySelector('[data-kpi="check-ins"]')?.textContent ?? ""));
    const kpi = await page.innerText('[data-kpi="check-ins"]');
    if (!digits.test(kpi)) throw new Error(`dashboard numbers not in the locale's digits: ${kpi}`);
    await page.waitForSelector("[data-leads-chart] .recharts-bar-rectangle, [data-leads-chart] svg");
    await page.waitForFunction(() => /[0-9٠-٩]/.test(document.querySelector('[data-kpi="expiring"]')?.textContent ?? ""));
    await screen(page, locale, "dashboard");
    await page.click('[data-nav="kiosk"]');
    // The kiosk is a page of its own: reload it, not the dashboard the click is still leaving.
    await page.waitForURL(/\/kiosk/);
    await page.evaluate(() => localStorage.removeItem("liyaqa.kiosk-pin"));
    await page.reload();
    await page.fill("#newPin", "4321");
    await page.click('[data-action="start-kiosk"]');
    await page.waitForSelector("[data-kiosk-scan]");
    const target = await page.locator('[data-action="kiosk-staff"]').boundingBox();
    if (!target || target.height < 48 || target.width < 48) throw new Error("kiosk target smaller than 48 px");
    await screen(page, locale, "kiosk");
    await page.click('[data-action="kiosk-staff"]');
    await page.fill("#pin", "4321");
    await page.press("#pin", "Enter");
    await page.waitForURL(/\/check-in$/);
  });

  await step(`${locale}: sign out`, async () => {
    await page.click("[data-sign-out]");
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${base}/${locale}/members`);
    await page.waitForURL(/\/sign-in/);
  });

  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  await context.close();
}

/** The dashboard's first load in a fresh browser, signed in: navigation start to the KPIs filled. */
async function measureDashboard(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/en/sign-in`);
  await page.fill("#club", club);
  await page.fill("#email", admin.email);
  await page.fill("#password", admin.password);
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-me]:not(:empty)");
  const timings = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    await page.goto(`${base}/en`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-kpi="classes"]')?.textContent ?? ""));
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation");
      return { domInteractive: Math.round(entry.domInteractive), load: Math.round(entry.loadEventEnd) };
    });
    timings.push({ ...nav, dataShown: Date.now() - started });
  }
  await context.close();
  return timings;
}

let web;
let browser;
let failed = false;
try {
  web = startWeb();
  await waitFor(async () => (await fetch(`${base}/en/sign-in`)).ok, `the web app on ${base}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  for (const locale of (process.env.E2E_LOCALES ?? "en,ar").split(",")) {
    try {
      await journey(browser, locale);
    } catch {
      failed = true;
    }
  }
  if (process.env.E2E_MEASURE) {
    const timings = await measureDashboard(browser);
    log("dashboard first load (ms):", JSON.stringify(timings));
    writeFileSync(path.join(root, "e2e/dashboard-timings.json"), JSON.stringify(timings, null, 2));
  }
} catch (error) {
  failed = true;
  log(`setup failed: ${error?.message ?? error}`);
} finally {
  await browser?.close();
  if (web) process.kill(-web.pid, "SIGTERM");
}
const passed = results.filter((r) => r.ok).length;
console.log(`E2E: ${passed} passed, ${results.length - passed} failed`);
for (const r of results.filter((r) => !r.ok)) console.log(`FAILED ${r.name}\n${r.error}`);
process.exit(failed || results.length === 0 ? 1 : 0);
