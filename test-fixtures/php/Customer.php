<?php

declare(strict_types=1);

namespace Acme\Crm\Domain;

use DateTimeImmutable;
use InvalidArgumentException;
use JsonSerializable;

enum Tier: string
{
    case Free = 'free';
    case Silver = 'silver';
    case Gold = 'gold';

    public function discountPercent(): int
    {
        return match ($this) {
            Tier::Free => 0,
            Tier::Silver => 5,
            Tier::Gold => 12,
        };
    }
}

interface HasIdentity
{
    public function id(): int;
}

trait Timestamps
{
    protected ?DateTimeImmutable $createdAt = null;
    protected ?DateTimeImmutable $updatedAt = null;

    public function touch(): void
    {
        $now = new DateTimeImmutable('now');
        $this->createdAt ??= $now;
        $this->updatedAt = $now;
    }

    public function updatedAt(): ?DateTimeImmutable
    {
        return $this->updatedAt;
    }
}

#[\Attribute(\Attribute::TARGET_PROPERTY)]
final class Validate
{
    public function __construct(public string $rule, public ?string $message = null)
    {
    }
}

abstract class Entity implements HasIdentity, JsonSerializable
{
    public function __construct(protected readonly int $id)
    {
    }

    public function id(): int
    {
        return $this->id;
    }

    abstract public function jsonSerialize(): array;
}

final class Customer extends Entity
{
    use Timestamps;

    public const MAX_NOTES = 50;
    private static int $instances = 0;

    /** @var list<string> */
    private array $notes = [];

    public function __construct(
        int $id,
        #[Validate('email', message: 'A valid email is required')]
        private string $email,
        private string $name,
        private Tier $tier = Tier::Free,
    ) {
        parent::__construct($id);
        if (!filter_var($email, FILTER_VALIDATE_EMAIL)) {
            throw new InvalidArgumentException(sprintf('Invalid email "%s"', $email));
        }
        self::$instances++;
        $this->touch();
    }

    public static function instances(): int
    {
        return static::$instances;
    }

    public function email(): string
    {
        return $this->email;
    }

    public function tier(): Tier
    {
        return $this->tier;
    }

    public function upgrade(Tier $tier): static
    {
        $this->tier = $tier;
        $this->touch();
        return $this;
    }

    public function addNote(string $note): void
    {
        if (count($this->notes) >= self::MAX_NOTES) {
            array_shift($this->notes);
        }
        $this->notes[] = trim($note);
    }

    public function jsonSerialize(): array
    {
        return [
            'id' => $this->id,
            'email' => $this->email,
            'name' => $this->name,
            'tier' => $this->tier->value,
            'notes' => $this->notes,
            'updated_at' => $this->updatedAt?->format(DATE_ATOM),
        ];
    }
}
