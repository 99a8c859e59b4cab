"use strict";
document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const password = event.target.elements.password.value;
  const r = await Drafter.post("/login", { password });
  if (r.ok) location.href = "/";
  else document.getElementById("login-error").textContent = r.data.error || "登录失败";
});
