<?php

function load_cart($cookie) {
    return unserialize($cookie); // expect-pattern: security/unsafe-deserialization
}

function load_cart_safely($cookie) {
    return unserialize($cookie, ['allowed_classes' => false]); // expect-no-pattern: security/unsafe-deserialization
}
