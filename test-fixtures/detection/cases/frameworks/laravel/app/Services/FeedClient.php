<?php

namespace App\Services;

use Psr\Http\Message\RequestInterface;

class FeedClient extends Controller // expect-no-pattern: laravel/api/controller
{
    public function send(SignedRequest $request) // expect-no-pattern: laravel/api/form-request-validation
    {
        return $this->http->send($request);
    }
}
