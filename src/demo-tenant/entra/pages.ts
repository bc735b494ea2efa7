// The HTML the demo tenant shows a person (or Playwright): sign-in with the demo accounts listed,
// the forced password change, the device-code entry and plain messages. No script, stable ids.
import { escapeHtml as e } from '../http';

export interface AgentListing {
  upn: string;
  password: string;
  roles: string[];
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:440px;margin:40px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}
label{display:block;margin:12px 0 4px}
input[type=text],input[type=password],input[type=email]{width:100%;box-sizing:border-box;padding:6px;font-size:15px;border:0;border-bottom:1px solid #666}
button{margin-top:20px;background:#0067b8;color:#fff;border:0;padding:8px 24px;font-size:15px;cursor:pointer}
.error{color:#e81123;margin:8px 0}
.banner{font-size:13px;color:#605e5c;margin-bottom:12px}
table{border-collapse:collapse;font-size:12px;margin-top:24px;width:100%;table-layout:fixed}
caption{text-align:left;font-weight:600;margin-bottom:4px}
td,th{text-align:left;padding:3px 4px;border-bottom:1px solid #eee;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:44%}th:nth-child(2){width:26%}
code{font-size:12px}
</style></head>
<body><main>
<div class="banner">Resetline demo tenant — a local stand-in for Microsoft Entra ID</div>
${body}
</main></body></html>`;
}

function errorBlock(error: string | undefined): string {
  return error ? `<div class="error" id="error" role="alert">${e(error)}</div>` : '';
}

export function signInPage(opts: {
  action: string;
  interaction: string;
  username?: string;
  error?: string;
  agents: readonly AgentListing[];
  continueAs?: string;
  heading?: string;
}): string {
  const rows = opts.agents
    .map(
      (a) =>
        `<tr data-upn="${e(a.upn)}"><td><code>${e(a.upn)}</code></td><td><code>${e(a.password)}</code></td><td>${e(a.roles.join(', ') || '—')}</td></tr>`,
    )
    .join('\n');
  const cont = opts.continueAs
    ? `<form method="post" action="${e(opts.action)}" id="continue-form">
<input type="hidden" name="interaction" value="${e(opts.interaction)}">
<input type="hidden" name="continue" value="1">
<button type="submit" id="continue">Continue as ${e(opts.continueAs)}</button></form><p>or sign in with another account:</p>`
    : '';
  return layout(
    'Sign in to your account',
    `<h1>${e(opts.heading ?? 'Sign in')}</h1>
${errorBlock(opts.error)}
${cont}
<form method="post" action="${e(opts.action)}" id="signin-form">
<input type="hidden" name="interaction" value="${e(opts.interaction)}">
<label for="username">Email, phone, or Skype</label>
<input type="email" id="username" name="username" autocomplete="username" value="${e(opts.username ?? '')}" required>
<label for="password">Password (or Temporary Access Pass)</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="submit">Sign in</button>
</form>
<table id="demo-accounts"><caption>Demo agent accounts</caption>
<thead><tr><th>Account</th><th>Password</th><th>Roles</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}

export function changePasswordPage(opts: { action: string; interaction: string; upn: string; error?: string }): string {
  return layout(
    'Update your password',
    `<h1>Update your password</h1>
<p>You need to update your password because this is the first time you are signing in, or because your password has expired.</p>
<p><code id="upn">${e(opts.upn)}</code></p>
${errorBlock(opts.error)}
<form method="post" action="${e(opts.action)}" id="change-form">
<input type="hidden" name="interaction" value="${e(opts.interaction)}">
<label for="currentPassword">Current password</label>
<input type="password" id="currentPassword" name="currentPassword" autocomplete="current-password" required>
<label for="newPassword">New password</label>
<input type="password" id="newPassword" name="newPassword" autocomplete="new-password" required>
<label for="confirmPassword">Confirm password</label>
<input type="password" id="confirmPassword" name="confirmPassword" autocomplete="new-password" required>
<button type="submit" id="submit">Sign in</button>
</form>`,
  );
}

export function deviceCodePage(opts: { action: string; error?: string }): string {
  return layout(
    'Enter code',
    `<h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>
${errorBlock(opts.error)}
<form method="post" action="${e(opts.action)}" id="code-form">
<label for="code">Code</label>
<input type="text" id="code" name="code" autocomplete="off" required>
<button type="submit" id="submit">Next</button>
</form>`,
  );
}

export function messagePage(title: string, message: string, id = 'message'): string {
  return layout(title, `<h1>${e(title)}</h1><p id="${e(id)}">${e(message)}</p>`);
}

/**
 * response_mode=form_post: the browser posts the result to the redirect URI. The one script on any
 * page submits the form (allowed by a per-response nonce); without script the button does it.
 */
export function formPostPage(opts: { redirectUri: string; fields: Record<string, string>; nonce: string }): string {
  const inputs = Object.entries(opts.fields)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  return layout(
    'Working...',
    `<form method="post" action="${e(opts.redirectUri)}" id="form-post">
${inputs}
<p>Returning to the application…</p>
<button type="submit" id="continue">Continue</button>
</form>
<script nonce="${e(opts.nonce)}">HTMLFormElement.prototype.submit.call(document.getElementById('form-post'));</script>`,
  );
}
