import React from "react";

const Pagination = props => { // expect-pattern: components/function-component, components/props-object  expect-no-pattern: components/props-destructured
  const pages = props.pages.map(page => ( // expect-pattern: components/list-item-without-key
    <li className="page-item">{page}</li>
  ));
  return <ul className="pagination">{pages}</ul>;
};

export default Pagination;
