// The API docs page: each example's button asks this site for the answer and shows it,
// pretty-printed and cut to its first lines. An example that needs an id takes the first
// item of its listing (`data-list`).
"use strict";

const MAX_LINES = 80;

async function answer(example, list) {
  let address = example;
  if (list) {
    const items = (await (await fetch(list)).json()).items || [];
    if (!items.length) return "Nothing published yet to show here.";
    address = example.replace("{id}", items[0].id);
  }
  const response = await fetch(address, { headers: { Accept: "application/json" } });
  let body = await response.text();
  try {
    body = JSON.stringify(JSON.parse(body), null, 2);
  } catch (error) {
    // Not JSON (a redirect's page, say): shown as it came.
  }
  const lines = body.split("\n");
  const shown = lines.slice(0, MAX_LINES).join("\n");
  const cut = lines.length > MAX_LINES ? `\n… (${lines.length - MAX_LINES} more lines)` : "";
  const from = new URL(response.url).pathname + new URL(response.url).search;
  return `GET ${from}\n${response.status} ${response.statusText}\n\n${shown}${cut}`;
}

for (const box of document.querySelectorAll(".api-answer")) {
  box.hidden = false; // without scripts the button could do nothing, so it stays hidden
  const button = box.querySelector("button");
  const output = box.querySelector("pre");
  button.addEventListener("click", async () => {
    button.disabled = true;
    output.hidden = false;
    output.firstElementChild.textContent = "Asking…";
    try {
      output.firstElementChild.textContent = await answer(box.dataset.example, box.dataset.list);
    } catch (error) {
      output.firstElementChild.textContent = `No answer: ${error}`;
    }
    button.disabled = false;
  });
}
