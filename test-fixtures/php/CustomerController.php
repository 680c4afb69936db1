<?php

declare(strict_types=1);

namespace Acme\Crm\Http;

use Acme\Crm\Domain\Customer;
use Acme\Crm\Domain\Tier;
use Acme\Crm\Persistence\CustomerRepository;
use Acme\Crm\Persistence\RepositoryException;
use Attribute;
use InvalidArgumentException;
use Psr\Log\LoggerInterface;
use ValueError;

use function json_encode;
use function sprintf;

#[Attribute(Attribute::TARGET_METHOD | Attribute::IS_REPEATABLE)]
final class Route
{
    public function __construct(
        public readonly string $method,
        public readonly string $path,
    ) {
    }
}

final class JsonResponse
{
    public function __construct(public readonly int $status, public readonly array $body = [])
    {
    }

    public function __toString(): string
    {
        return json_encode($this->body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
    }
}

class CustomerController
{
    private int $requests = 0;

    public function __construct(
        private CustomerRepository $customers,
        private LoggerInterface $logger,
    ) {
    }

    #[Route('GET', '/customers/{id}')]
    public function show(int $id): JsonResponse
    {
        $this->requests++;
        $customer = $this->customers->find($id);
        if ($customer === null) {
            return new JsonResponse(404, ['error' => sprintf('Customer %d not found', $id)]);
        }
        return new JsonResponse(200, $customer->jsonSerialize());
    }

    #[Route('POST', '/customers')]
    #[Route('PUT', '/customers/{id}')]
    public function store(array $input): JsonResponse
    {
        $this->requests++;
        try {
            $customer = new Customer(
                id: (int) ($input['id'] ?? random_int(1000, 999999)),
                email: $input['email'] ?? '',
                name: $input['name'] ?? 'Anonymous',
                tier: Tier::from($input['tier'] ?? 'free'),
            );
            $this->customers->save($customer);
        } catch (InvalidArgumentException | ValueError $e) {
            return new JsonResponse(422, ['error' => $e->getMessage()]);
        } catch (RepositoryException $e) {
            $this->logger->error('store failed', ['exception' => $e]);
            return new JsonResponse(503, ['error' => 'Temporarily unavailable']);
        } finally {
            $this->logger->info("customer store request #{$this->requests}");
        }

        return new JsonResponse(201, ['id' => $customer->id()]);
    }

    #[Route('GET', '/customers/tier/{tier}')]
    public function listTier(string $tier): JsonResponse
    {
        $items = [];
        foreach ($this->customers->byTier(Tier::from($tier)) as $customer) {
            $items[] = array_merge($customer->jsonSerialize(), [
                'discount' => $customer->tier()->discountPercent(),
            ]);
        }
        $filtered = array_filter($items, fn (array $c): bool => $c['email'] !== '');
        return new JsonResponse(200, ['count' => count($filtered), 'items' => array_values($filtered)]);
    }
}
