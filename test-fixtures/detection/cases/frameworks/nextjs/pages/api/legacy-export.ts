import type { NextApiRequest, NextApiResponse } from "next";

export const config = { api: { bodyParser: false } }; // expect-no-pattern: nextjs/api/pages-api-handler

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect-pattern: nextjs/api/pages-api-handler  expect-no-pattern: nextjs/api/app-route-handler
  res.setHeader("Content-Type", "text/csv");
  res.status(200).send("id,total\n");
}
