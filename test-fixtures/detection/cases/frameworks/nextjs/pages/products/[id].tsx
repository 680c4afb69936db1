import type { GetServerSideProps, GetStaticPaths } from "next";
import Image from "next/image";

type Props = { product: { id: string; name: string; photo: string } };

export const getServerSideProps: GetServerSideProps<Props> = async ({ params }) => { // expect-pattern: nextjs/api/get-server-side-props  expect-no-pattern: nextjs/performance/get-static-props
  const product = await loadProduct(String(params?.id));
  return { props: { product } };
};

export default function ProductPage({ product }: Props) { // expect-no-pattern: nextjs/api/pages-api-handler
  const photo = <Image src={product.photo} alt={product.name} width={640} height={480} />; // expect-pattern: nextjs/performance/next-image  expect-no-pattern: nextjs/performance/raw-img
  const badge = <img src="/badges/new.svg" alt="new" />; // expect-pattern: nextjs/performance/raw-img  expect-no-pattern: nextjs/performance/next-image
  const back = <a href="/products">All products</a>; // expect-pattern: nextjs/components/raw-internal-anchor  expect-no-pattern: nextjs/components/next-link
  const vendor = <a href="https://vendor.example.com">Vendor</a>; // expect-no-pattern: nextjs/components/raw-internal-anchor
  const cdn = <a href="//cdn.example.com/sheet.pdf">Sheet</a>; // expect-no-pattern: nextjs/components/raw-internal-anchor
  return <main>{photo}{badge}{back}{vendor}{cdn}</main>;
}
