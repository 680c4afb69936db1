<?php

declare(strict_types=1);

namespace Acme\Crm\Persistence;

use Acme\Crm\Domain\Customer;
use Acme\Crm\Domain\Tier;
use PDO;
use PDOException;
use RuntimeException;

class RepositoryException extends RuntimeException
{
    public static function wrap(string $operation, \Throwable $previous): self
    {
        return new self("Repository operation '{$operation}' failed", 500, $previous);
    }
}

interface CustomerRepository
{
    public function find(int $id): ?Customer;

    /** @return iterable<Customer> */
    public function byTier(Tier $tier): iterable;

    public function save(Customer $customer): void;
}

class PdoCustomerRepository implements CustomerRepository
{
    private const TABLE = 'customers';

    /** @var array<int, Customer> */
    private array $identityMap = [];

    public function __construct(private readonly PDO $pdo)
    {
        $this->pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    }

    public function find(int $id): ?Customer
    {
        if (isset($this->identityMap[$id])) {
            return $this->identityMap[$id];
        }
        $stmt = $this->pdo->prepare('SELECT * FROM ' . self::TABLE . ' WHERE id = :id');
        $stmt->execute(['id' => $id]);
        $row = $stmt->fetch(PDO::FETCH_ASSOC);
        return $row === false ? null : $this->hydrate($row);
    }

    public function byTier(Tier $tier): iterable
    {
        $stmt = $this->pdo->prepare('SELECT * FROM ' . self::TABLE . ' WHERE tier = ? ORDER BY id');
        $stmt->execute([$tier->value]);
        while (($row = $stmt->fetch(PDO::FETCH_ASSOC)) !== false) {
            yield $this->hydrate($row);
        }
    }

    public function save(Customer $customer): void
    {
        $data = $customer->jsonSerialize();
        $this->pdo->beginTransaction();
        try {
            $stmt = $this->pdo->prepare(
                'REPLACE INTO ' . self::TABLE . ' (id, email, name, tier) VALUES (:id, :email, :name, :tier)'
            );
            $stmt->execute([
                'id' => $data['id'],
                'email' => $data['email'],
                'name' => $data['name'],
                'tier' => $data['tier'],
            ]);
            $this->pdo->commit();
            $this->identityMap[$customer->id()] = $customer;
        } catch (PDOException $e) {
            $this->pdo->rollBack();
            throw RepositoryException::wrap('save', $e);
        } finally {
            $stmt = null;
        }
    }

    /** @param array<string, mixed> $row */
    protected function hydrate(array $row): Customer
    {
        $customer = new Customer(
            (int) $row['id'],
            (string) $row['email'],
            (string) $row['name'],
            Tier::tryFrom((string) $row['tier']) ?? Tier::Free,
        );
        return $this->identityMap[$customer->id()] = $customer;
    }
}
