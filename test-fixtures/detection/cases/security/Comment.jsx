import React from "react";
import DOMPurify from "dompurify";

export function Comment({ comment }) {
  return (
    <div
      className="comment"
      dangerouslySetInnerHTML={{ __html: comment.html }} // expect-pattern: security/dom-html-injection
    />
  );
}

export function SafeComment({ comment }) {
  return (
    <div
      className="comment" // expect-no-pattern: security/dom-html-injection
      dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.html) }} // expect-no-pattern: security/dom-html-injection
    />
  );
}
