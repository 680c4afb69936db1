import { NextResponse } from "next/server";
import { db } from "@/lib/db";

export async function GET(request: Request) { // expect-pattern: nextjs/api/app-route-handler  expect-no-pattern: nextjs/api/pages-api-handler
  const { searchParams } = new URL(request.url);
  const orders = await db.order.findMany({ take: Number(searchParams.get("take") ?? 20) });
  return NextResponse.json(orders);
}

export const POST = async (request: Request) => { // expect-pattern: nextjs/api/app-route-handler
  const order = await db.order.create({ data: await request.json() });
  return NextResponse.json(order, { status: 201 });
};

export const dynamic = "force-dynamic"; // expect-no-pattern: nextjs/api/app-route-handler
