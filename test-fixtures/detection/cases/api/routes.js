const express = require("express");
const { StatusCodes } = require("http-status-codes");

const router = express.Router();

router.get("/v1/orders/:id", async (req, res) => { // expect-pattern: api/versioned-path
  const order = await orders.find(req.params.id);
  if (!order) {
    return res.status(404).json({ error: "not found" }); // expect-pattern: api/status-code-literal  expect-no-pattern: api/status-code-named
  }
  res.status(StatusCodes.OK).json(order); // expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal
});

router.delete("/v1/orders/:id", async (req, res) => {
  await orders.remove(req.params.id);
  res.sendStatus(204); // expect-pattern: api/status-code-literal
});

router.get("/health", (req, res) => res.status(code).send("ok")); // expect-no-pattern: api/status-code-literal, api/status-code-named

module.exports = router;
