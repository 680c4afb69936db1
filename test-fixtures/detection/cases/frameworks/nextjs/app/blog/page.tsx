"use client"; // expect-pattern: nextjs/components/client-component

import Link from "next/link";
import { useState } from "react";

export default function Blog({ posts }: { posts: Post[] }) {
  "use strict"; // expect-no-pattern: nextjs/components/client-component
  const [filter, setFilter] = useState("");
  const first = <Link href={`/blog/${posts[0].slug}`}>Latest</Link>; // expect-pattern: nextjs/components/next-link  expect-no-pattern: nextjs/components/raw-internal-anchor
  const avatar = <img src={posts[0].author.avatar} alt="" />; // expect-pattern: nextjs/performance/raw-img
  return <section>{first}{avatar}</section>;
}
