/**
 * The CMMS console: one self-contained page (vanilla JS, no build) driving the public HTTP
 * API exactly as any client would. The token lives in memory only, never in storage.
 */
export const CMMS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CMMS console — cash-out</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
  header { background: #1d2330; color: #fff; padding: 10px 20px; display: flex; justify-content: space-between; }
  main { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; gap: 16px; padding: 16px; }
  section { background: #fff; border-radius: 6px; padding: 12px 16px; margin-bottom: 12px; box-shadow: 0 1px 2px #0002; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  label { display: block; margin: 6px 0 2px; font-size: 12px; color: #555; }
  input { width: 100%; box-sizing: border-box; padding: 6px; border: 1px solid #ccc; border-radius: 4px; }
  button { margin: 8px 6px 0 0; padding: 6px 10px; border: 0; border-radius: 4px; background: #2b5cd8; color: #fff; cursor: pointer; }
  button.secondary { background: #6b7280; } button.danger { background: #c0392b; }
  pre { background: #0f1320; color: #d7e0ff; padding: 10px; border-radius: 6px; overflow: auto; max-height: 70vh; white-space: pre-wrap; }
  .status { font-weight: bold; } .error { color: #c0392b; } .ok { color: #1e8449; }
</style>
</head>
<body>
<header><strong>CMMS console</strong><span id="who">not signed in</span></header>
<main>
<div>
  <section>
    <h2>1. Sign in (ADMIN or OPERATOR; only ADMIN reads the OTP sandbox)</h2>
    <label for="loginPhone">Phone</label><input id="loginPhone" value="+2250700000001">
    <label for="loginPin">PIN</label><input id="loginPin" type="password" value="" autocomplete="off">
    <button id="btnLogin">Sign in</button><button id="btnLogout" class="secondary">Sign out</button>
  </section>
  <section>
    <h2>2. Create a cash-out intent</h2>
    <label for="agentPhone">Agent phone</label><input id="agentPhone" value="+2250500000001">
    <label for="clientPhone">Client phone</label><input id="clientPhone" value="+2250100000001">
    <label for="amount">Amount (minor units, XOF)</label><input id="amount" type="number" min="1" step="1" value="10000">
    <button id="btnCreate">Create intent</button>
  </section>
  <section>
    <h2>3. Drive the intent</h2>
    <label for="intentId">Intent id</label><input id="intentId">
    <button id="btnSendOtp">Send OTP</button><button id="btnReadOtp" class="secondary">Read OTP from sandbox (ADMIN, development and test)</button>
    <label for="otp">OTP (6 digits)</label><input id="otp" autocomplete="off">
    <button id="btnVerifyOtp">Verify OTP</button>
    <label for="pin">Agent PIN</label><input id="pin" type="password" autocomplete="off">
    <button id="btnVerifyPin">Verify PIN</button>
    <button id="btnConfirm">Confirm</button>
    <button id="btnCancel" class="danger">Cancel</button>
    <button id="btnRefresh" class="secondary">Refresh intent</button>
  </section>
  <section>
    <h2>4. Wallets</h2>
    <button id="btnWalletsAgent" class="secondary">Agent wallets</button>
    <button id="btnWalletsClient" class="secondary">Client wallets</button>
  </section>
</div>
<div>
  <section><h2>Intent</h2><div id="intentSummary">none yet</div></section>
  <section><h2>Last response</h2><div id="lastStatus"></div><pre id="output">—</pre></section>
</div>
</main>
<script>
(function () {
  'use strict';
  var token = null;
  var $ = function (id) { return document.getElementById(id); };

  function show(status, body) {
    var ok = status >= 200 && status < 300;
    $('lastStatus').textContent = 'HTTP ' + status;
    $('lastStatus').className = 'status ' + (ok ? 'ok' : 'error');
    $('output').textContent = JSON.stringify(body, null, 2);
  }

  function showIntent(intent) {
    if (!intent || !intent.id) return;
    $('intentId').value = intent.id;
    var text = intent.referenceId + ' — ' + intent.status + ' — ' + intent.amount + ' ' + intent.currency +
      ' (fees ' + intent.fees + ', total debit ' + intent.totalDebit + ')' +
      (intent.transactionId ? ' — transaction ' + intent.transactionId : '') +
      (intent.failureReason ? ' — ' + intent.failureReason : '');
    $('intentSummary').textContent = text;
  }

  async function call(method, path, body, extraHeaders) {
    var headers = Object.assign({ 'Accept': 'application/json' }, extraHeaders || {});
    if (token) headers['Authorization'] = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var response = await fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    var data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    show(response.status, data);
    return { status: response.status, data: data };
  }

  function intentPath(step) {
    var id = $('intentId').value.trim();
    if (!id) { show(0, { error: 'create or enter an intent id first' }); return null; }
    return '/intents/' + encodeURIComponent(id) + (step ? '/' + step : '');
  }

  async function step(name, body, headers) {
    var path = intentPath(name);
    if (!path) return;
    var result = await call(name ? 'POST' : 'GET', path, body, headers);
    if (result.status < 300) showIntent(result.data);
  }

  $('btnLogin').onclick = async function () {
    token = null;
    var result = await call('POST', '/auth/login', { phone: $('loginPhone').value.trim(), pin: $('loginPin').value });
    $('loginPin').value = '';
    if (result.status === 200) {
      token = result.data.accessToken;
      result.data.accessToken = '(hidden)';
      show(200, result.data);
      $('who').textContent = result.data.user.role + ' ' + result.data.user.phone;
    }
  };
  $('btnLogout').onclick = function () { token = null; $('who').textContent = 'not signed in'; };
  $('btnCreate').onclick = async function () {
    var result = await call('POST', '/intents', {
      agentPhone: $('agentPhone').value.trim(),
      clientPhone: $('clientPhone').value.trim(),
      amount: Number($('amount').value)
    }, { 'Idempotency-Key': 'cmms-' + Date.now() + '-' + Math.random().toString(36).slice(2) });
    if (result.status < 300) showIntent(result.data);
  };
  $('btnSendOtp').onclick = function () { return step('send-otp'); };
  $('btnReadOtp').onclick = async function () {
    // The intent's own OTP: a client may have OTPs of several intents in flight.
    var id = $('intentId').value.trim();
    var query = id ? 'intentId=' + encodeURIComponent(id) : 'phone=' + encodeURIComponent($('clientPhone').value.trim());
    var result = await call('GET', '/sandbox/notifications?limit=20&' + query);
    if (result.status !== 200 || !Array.isArray(result.data)) return;
    var record = result.data.find(function (r) { return r.kind === 'OTP' && r.otp; });
    if (record) $('otp').value = record.otp;
  };
  $('btnVerifyOtp').onclick = function () { return step('verify-otp', { otp: $('otp').value.trim() }); };
  $('btnVerifyPin').onclick = async function () { await step('verify-pin', { pin: $('pin').value }); $('pin').value = ''; };
  $('btnConfirm').onclick = function () {
    return step('confirm', undefined, { 'Idempotency-Key': 'cmms-confirm-' + $('intentId').value.trim() });
  };
  $('btnCancel').onclick = function () { return step('cancel', { reason: 'canceled from CMMS' }); };
  $('btnRefresh').onclick = function () { return step(''); };
  $('btnWalletsAgent').onclick = function () { return call('GET', '/wallets?phone=' + encodeURIComponent($('agentPhone').value.trim())); };
  $('btnWalletsClient').onclick = function () { return call('GET', '/wallets?phone=' + encodeURIComponent($('clientPhone').value.trim())); };
})();
</script>
</body>
</html>
`;
