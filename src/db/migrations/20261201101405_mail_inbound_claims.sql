CREATE TABLE "mail_inbound_claims" (
	"address_bidx" text NOT NULL,
	"message_id" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_inbound_claims_address_bidx_message_id_pk" PRIMARY KEY("address_bidx","message_id")
);
