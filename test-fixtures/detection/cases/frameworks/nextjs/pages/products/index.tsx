export async function getStaticProps() { // expect-pattern: nextjs/performance/get-static-props  expect-no-pattern: nextjs/api/get-server-side-props
  return { props: { products: await listProducts() }, revalidate: 60 };
}

export default function Products({ products }) {
  return <ul>{products.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
