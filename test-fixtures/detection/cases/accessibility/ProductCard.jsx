import React from "react";

export function ProductCard({ product, onSelect, onClose, imageProps }) {
  const photo = <img src={product.photo} className="photo" />; // expect-pattern: accessibility/img-without-alt
  const described = <img src={product.photo} alt={product.name} />; // expect-no-pattern: accessibility/img-without-alt
  const divider = <img src="/divider.svg" alt="" />; // expect-no-pattern: accessibility/img-without-alt
  const decorative = <img src="/dots.svg" role="presentation" />; // expect-no-pattern: accessibility/img-without-alt
  const forwarded = <img {...imageProps} />; // expect-no-pattern: accessibility/img-without-alt

  const card = <div className="card" onClick={() => onSelect(product)}>{photo}</div>; // expect-pattern: accessibility/click-on-non-interactive  expect-no-pattern: accessibility/click-on-native-control
  const tile = ( // expect-no-pattern: accessibility/click-on-non-interactive
    <div role="button" tabIndex={0} onClick={onSelect} onKeyDown={onSelect}>
      {described}
    </div>
  );
  const select = <button type="button" onClick={() => onSelect(product)}>Select</button>; // expect-pattern: accessibility/click-on-native-control  expect-no-pattern: accessibility/click-on-non-interactive
  const close = <span className="close" onClick={onClose} />; // expect-pattern: accessibility/click-on-non-interactive
  const plain = <span className="price">{product.price}</span>; // expect-no-pattern: accessibility/click-on-non-interactive, accessibility/click-on-native-control

  const more = <a href="#" onClick={onSelect}>More</a>; // expect-pattern: accessibility/anchor-without-href, accessibility/click-on-native-control
  const action = <a onClick={onSelect}>Details</a>; // expect-pattern: accessibility/anchor-without-href
  const legacy = <a href="javascript:void(0)">Legacy</a>; // expect-pattern: accessibility/anchor-without-href
  const link = <a href={`/products/${product.id}`}>Open</a>; // expect-no-pattern: accessibility/anchor-without-href
  const docs = <a href="https://example.com/docs">Docs</a>; // expect-no-pattern: accessibility/anchor-without-href
  const jump = <a href="#reviews">Reviews</a>; // expect-no-pattern: accessibility/anchor-without-href
  const jobs = <a href="jobs.html">Jobs</a>; // expect-no-pattern: accessibility/anchor-without-href

  return (
    <section>
      {card}
      {tile}
      {select}
      {close}
      {plain}
      {more}
      {action}
      {legacy}
      {link}
      {docs}
      {jump}
      {jobs}
      {divider}
      {decorative}
      {forwarded}
    </section>
  );
}
