const express = require("express");
const { body, validationResult } = require("express-validator");
const asyncHandler = require("express-async-handler");
const Order = require("../models/order");
const { requireAuth } = require("../middleware/auth");

const router = express.Router();

router.get("/", requireAuth, asyncHandler(async (req, res) => { // expect-pattern: express/api/router-route, express/errors/async-handler-wrapped  expect-no-pattern: express/api/app-route, express/errors/async-handler-bare
  const orders = await Order.find({ owner: req.user.id });
  res.json(orders);
}));

// expect-pattern: express/api/route-validated, express/errors/async-handler-wrapped  expect-no-pattern: express/api/route-unvalidated
router.post(
  "/",
  requireAuth,
  body("sku").isString().notEmpty(),
  body("quantity").isInt({ min: 1 }),
  asyncHandler(async (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) {
      return res.status(422).json({ errors: errors.array() });
    }
    const order = await Order.create({ ...req.body, owner: req.user.id });
    res.status(201).json(order);
  })
);

router.patch("/:id", requireAuth, async (req, res) => { // expect-pattern: express/api/route-unvalidated, express/errors/async-handler-bare  expect-no-pattern: express/api/route-validated, express/errors/async-handler-wrapped
  const order = await Order.findByIdAndUpdate(req.params.id, req.body, { new: true });
  res.json(order);
});

router.delete("/:id", requireAuth, (req, res, next) => { // expect-pattern: express/api/router-route  expect-no-pattern: express/errors/async-handler-bare, express/errors/async-handler-wrapped, express/api/route-unvalidated
  Order.findByIdAndDelete(req.params.id)
    .then(() => res.status(204).end())
    .catch(next);
});

// expect-pattern: express/api/router-route
router
  .route("/:id/notes")
  .get(requireAuth, listNotes)
  .post(requireAuth, addNote);
router.route("/:id/items").get(listItems); // expect-pattern: express/api/router-route

// A settings read, not a route.
const env = router.get("env"); // expect-no-pattern: express/api/router-route

module.exports = router;
