export function HomePage() {
  return (
    <>
      <h1>Mobile-money cash-out</h1>
      <p class="lead">
        A client turns e-money into cash at an agent: the agent (Mobile Pro) or an operator (CMMS console) opens a cash-out, the client consents with a one-time
        code sent to their phone, the agent confirms with their PIN, and the ledger moves the money with a fee and the agent’s commission.
      </p>
      <ul class="doors">
        <li class="card">
          <h2>
            <a href="#/cmms">CMMS console</a>
          </h2>
          <p>For operators and administrators: open and drive cash-outs, follow them live, list intents, check the ledger and agents’ reports.</p>
        </li>
        <li class="card">
          <h2>
            <a href="#/agent">Mobile Pro — agent</a>
          </h2>
          <p>The agent’s app: open a cash-out from the client’s phone number or QR code, enter the client’s code, confirm with the PIN.</p>
        </li>
        <li class="card">
          <h2>
            <a href="#/client">Mobile Pro — client</a>
          </h2>
          <p>The client’s phone: show a QR code to the agent, see the balance and the messages received (the one-time codes).</p>
        </li>
      </ul>
      <section class="card" aria-labelledby="demo-h">
        <h2 id="demo-h">Demo users (development)</h2>
        <table aria-label="Demo users">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Phone</th>
              <th scope="col">PIN</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Admin</td>
              <td>+2250700000001</td>
              <td>0000</td>
            </tr>
            <tr>
              <td>Operator</td>
              <td>+2250700000002</td>
              <td>0000</td>
            </tr>
            <tr>
              <td>Agents</td>
              <td>+2250500000001, +2250500000002</td>
              <td>1234</td>
            </tr>
            <tr>
              <td>Clients</td>
              <td>+2250100000001 (500 000 XOF), +2250100000002 (2 000 XOF)</td>
              <td>1111</td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <a href="#/">Back to the start</a>.
      </p>
    </>
  );
}
