<?php

$dsn = getenv('DATABASE_DSN') ?: 'sqlite::memory:'; // expect-pattern: config/env-default
$token = getenv('API_TOKEN'); // expect-pattern: config/env-no-default  expect-no-pattern: config/env-default
