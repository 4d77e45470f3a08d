-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- Existing flows keep the order they were created in (by hand: a data step Prisma cannot express).
UPDATE "Flow" f SET "priority" = o.n
  FROM (SELECT "id", row_number() OVER (PARTITION BY "clientId" ORDER BY "createdAt", "id") AS n FROM "Flow") o
 WHERE o."id" = f."id";
