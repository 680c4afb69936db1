<?php

function record($logger, $user)
{
    $logger->info('User logged in', ['id' => $user->id]); // expect-pattern: logging/logger-call, logging/parameterized-message
    Log::warning("Login from " . $user->ip); // expect-pattern: logging/logger-call, logging/interpolated-message
    var_dump($user); // expect-pattern: logging/print-output
}
