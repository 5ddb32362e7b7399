// ChatCare agent console: sign-in, live queue and "my conversations" over SignalR (no polling), transcript with summary,
// reply with canned responses, private notes, transfer, close with a disposition, return to the assistant. Spanish and English.
"use strict";
(() => {
  const texts = {
    es: {
      title: "Consola de agentes", signIn: "Iniciar sesión", user: "Usuario", password: "Contraseña", enter: "Entrar", logout: "Salir",
      queue: "Cola", mine: "Mis conversaciones", online: "en vivo", offline: "sin conexión", accept: "Aceptar", send: "Enviar",
      write: "Escriba al cliente…", summary: "Resumen", notes: "Notas privadas", addNote: "Agregar nota", add: "Agregar",
      transfer: "Transferir", orAgent: "o usuario de agente", close: "Cerrar", returnToBot: "Devolver al asistente",
      canned: "Respuestas rápidas…", empty: "Nadie esperando", none: "Ninguna", waiting: "esperando", attended: "atendida",
      topics: "Necesidades", answered: "Respondido por el asistente", reason: "Motivo", ticket: "Mensaje dejado", collected: "Datos",
      customerMessages: "mensajes del cliente", priority: "prioridad", minutes: "min", badLogin: "Usuario o contraseña incorrectos.",
      kinds: { live: "en vivo", message: "mensaje", callback: "llamada" },
      reasons: { asked: "pidió una persona", not_understood: "no se entendió", complaint: "reclamo", crisis: "crisis" },
    },
    en: {
      title: "Agent console", signIn: "Sign in", user: "User", password: "Password", enter: "Sign in", logout: "Sign out",
      queue: "Queue", mine: "My conversations", online: "live", offline: "offline", accept: "Accept", send: "Send",
      write: "Write to the customer…", summary: "Summary", notes: "Private notes", addNote: "Add a note", add: "Add",
      transfer: "Transfer", orAgent: "or agent user", close: "Close", returnToBot: "Return to the assistant",
      canned: "Canned responses…", empty: "Nobody waiting", none: "None", waiting: "waiting", attended: "attended",
      topics: "Needs", answered: "Answered by the assistant", reason: "Reason", ticket: "Left message", collected: "Data",
      customerMessages: "customer messages", priority: "priority", minutes: "min", badLogin: "Wrong user or password.",
      kinds: { live: "live", message: "message", callback: "call-back" },
      reasons: { asked: "asked for a person", not_understood: "not understood", complaint: "complaint", crisis: "crisis" },
    },
  };
  const $ = (id) => document.getElementById(id);
  let lang = localStorage.getItem("chatcare.agent.lang") || (navigator.language.startsWith("en") ? "en" : "es");
  let token = sessionStorage.getItem("chatcare.agent.token");
  let me = JSON.parse(sessionStorage.getItem("chatcare.agent.me") || "null");
  let current = null;
  let settings = { teams: [], dispositions: [] };
  const t = (key) => texts[lang][key] ?? key;

  function translate() {
    document.documentElement.lang = lang;
    $("lang").value = lang;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.title = "ChatCare · " + t("title");
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: "Bearer " + token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && path !== "/api/agent/login") { signOut(); throw new Error("401"); }
    const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    if (!response.ok) { throw new Error(data?.detail || data?.title || response.statusText); }
    return data;
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props);
    children.filter((c) => c !== null && c !== undefined).forEach((c) => node.append(c));
    return node;
  }

  function item(entry) {
    const minutes = Math.round(entry.waitingSeconds / 60);
    const li = el("li", { className: "priority-" + entry.priority + (current === entry.conversationId ? " selected" : "") },
      el("strong", { textContent: entry.customerName || entry.conversationId }),
      el("small", { textContent: `${entry.team} · ${t("kinds")[entry.kind] ?? entry.kind} · ${entry.channel} · ${minutes} ${t("minutes")}` + (entry.priority ? ` · ${t("priority")} ${entry.priority}` : "") }),
      el("small", { textContent: entry.summary }));
    li.dataset.conversation = entry.conversationId;
    li.addEventListener("click", () => open(entry.conversationId));
    return li;
  }

  function fill(list, entries) {
    list.replaceChildren(...(entries.length ? entries.map(item) : [el("li", { textContent: list.id === "queue" ? t("empty") : t("none") })]));
  }

  const loadQueue = async () => fill($("queue"), await api("GET", "/api/agent/queue"));
  const loadMine = async () => fill($("mine"), await api("GET", "/api/agent/mine"));

  async function open(conversationId) {
    current = conversationId;
    const view = await api("GET", "/api/agent/conversations/" + encodeURIComponent(conversationId));
    $("conversation").hidden = false;
    $("customer").textContent = view.customerName || view.customerId || view.conversationId;
    $("facts").textContent = [view.channel, view.language, view.team, view.status ? t(view.status) : null, view.agentName].filter(Boolean).join(" · ");
    $("accept").hidden = view.status !== "waiting";
    const mineNow = view.status === "attended" && (view.agentUser === me.user || me.role === "supervisor");
    ["reply", "transfer", "close"].forEach((id) => { $(id).hidden = !mineNow; });
    $("returnToBot").hidden = !mineNow;
    $("transcript").replaceChildren(...view.transcript.map((line) => el("li", { className: line.from },
      el("small", { textContent: `${line.name || line.from} · ${new Date(line.at).toLocaleTimeString(lang)}` }), line.text)));
    $("transcript").scrollTop = $("transcript").scrollHeight;
    const s = view.summary;
    const reason = t("reasons")[s.reason] ?? s.reason;
    $("summary").replaceChildren(...[
      el("dt", { textContent: t("topics") }), el("dd", { textContent: s.topics.join(", ") || "—" }),
      el("dt", { textContent: t("answered") }), el("dd", { textContent: s.answered.join(", ") || "—" }),
      el("dt", { textContent: t("reason") }), el("dd", { textContent: reason || "—" }),
      s.ticketText ? el("dt", { textContent: t("ticket") }) : null, s.ticketText ? el("dd", { textContent: s.ticketText }) : null,
      el("dt", { textContent: t("collected") }),
      el("dd", { textContent: `${view.customerName || "?"} (${view.customerId || "?"}), ${view.channel}, ${view.language}; ${s.customerMessages} ${t("customerMessages")}` }),
    ].filter(Boolean));
    $("notes").replaceChildren(...view.notes.map((n) => el("li", { textContent: `${n.agent}: ${n.text}` })));
    $("canned").replaceChildren(el("option", { value: "", textContent: t("canned") }),
      ...view.cannedResponses.map((c) => el("option", { value: c.text.replaceAll("{agent}", me.name), textContent: c.id })));
    document.querySelectorAll(".list li").forEach((li) => li.classList.toggle("selected", li.dataset.conversation === conversationId));
  }

  async function act(action) {
    $("actionError").textContent = "";
    try { await action(); } catch (error) { $("actionError").textContent = error.message; }
    await Promise.all([loadQueue(), loadMine(), current ? open(current) : null]);
  }

  const path = (suffix) => `/api/agent/conversations/${encodeURIComponent(current)}/${suffix}`;

  async function start() {
    $("login").hidden = true; $("desk").hidden = false; $("logout").hidden = false;
    $("me").textContent = `${me.name} (${me.role})`;
    settings = await api("GET", "/api/agent/settings");
    $("team").replaceChildren(el("option", { value: "", textContent: "—" }),
      ...settings.teams.map((team) => el("option", { value: team.id, textContent: lang === "en" ? team.nameEnglish : team.name })));
    $("disposition").replaceChildren(...settings.dispositions.map((d) => el("option", { value: d, textContent: d })));
    const hub = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/agent", { accessTokenFactory: () => token })
      .withAutomaticReconnect()
      .build();
    hub.on("queueChanged", () => loadQueue());
    hub.on("mineChanged", () => loadMine());
    hub.on("conversationChanged", (change) => {
      if (change.conversationId !== current) { return; }
      if (change.change === "customer_message") {
        // The message travels in the notification (it is pushed before the transcript is written): show it at once.
        $("transcript").append(el("li", { className: "customer" },
          el("small", { textContent: `${$("customer").textContent} · ${new Date().toLocaleTimeString(lang)}` }), change.text ?? ""));
        $("transcript").scrollTop = $("transcript").scrollHeight;
      } else {
        open(current);
      }
    });
    hub.onreconnected(() => { $("live").className = "badge on"; $("live").textContent = t("online"); loadQueue(); loadMine(); });
    hub.onclose(() => { $("live").className = "badge"; $("live").textContent = t("offline"); });
    await hub.start();
    $("live").className = "badge on"; $("live").textContent = t("online");
    await Promise.all([loadQueue(), loadMine()]);
  }

  function signOut() {
    sessionStorage.removeItem("chatcare.agent.token"); sessionStorage.removeItem("chatcare.agent.me");
    location.reload();
  }

  $("lang").addEventListener("change", () => { lang = $("lang").value; localStorage.setItem("chatcare.agent.lang", lang); translate(); if (token) { loadQueue(); loadMine(); } });
  $("logout").addEventListener("click", signOut);
  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("loginError").textContent = "";
    try {
      const answer = await api("POST", "/api/agent/login", { user: $("user").value, password: $("password").value });
      token = answer.token; me = { user: answer.user, name: answer.name, role: answer.role };
      sessionStorage.setItem("chatcare.agent.token", token); sessionStorage.setItem("chatcare.agent.me", JSON.stringify(me));
      await start();
    } catch { $("loginError").textContent = t("badLogin"); }
  });
  $("accept").addEventListener("click", () => act(() => api("POST", path("accept"))));
  $("canned").addEventListener("change", () => { if ($("canned").value) { $("text").value = $("canned").value; $("canned").value = ""; } });
  $("reply").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (text) { act(async () => { await api("POST", path("messages"), { text }); $("text").value = ""; }); }
  });
  $("note").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("noteText").value.trim();
    if (text) { act(async () => { await api("POST", path("notes"), { text }); $("noteText").value = ""; }); }
  });
  $("transfer").addEventListener("submit", (event) => {
    event.preventDefault();
    const agent = $("toAgent").value.trim();
    act(() => api("POST", path("transfer"), agent ? { agent } : { team: $("team").value }));
  });
  $("close").addEventListener("submit", (event) => { event.preventDefault(); act(() => api("POST", path("close"), { disposition: $("disposition").value })); });
  $("returnToBot").addEventListener("click", () => act(() => api("POST", path("return-to-bot"))));

  translate();
  if (token && me) { start().catch(() => signOut()); }
})();
