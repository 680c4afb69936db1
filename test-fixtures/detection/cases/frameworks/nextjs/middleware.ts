import { NextRequest, NextResponse } from "next/server";

export function middleware(request: NextRequest) { // expect-pattern: nextjs/api/middleware
  if (!request.cookies.has("session")) {
    return NextResponse.redirect(new URL("/login", request.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ["/account/:path*"] }; // expect-no-pattern: nextjs/api/middleware
