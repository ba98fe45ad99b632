package dev.grounded.tenant;

/** What a caller may do within a tenant; {@link Role#permissions()} gives each role its own. */
public enum Permission {
    /** See the tenant's knowledge, conversations, settings, channels and evaluations. */
    READ,
    /** Ask the assistant (the Playground, the ask API) without writing to a customer. */
    ASK,
    /** Take a conversation over, write to the customer, release and close it, retry a failed send. */
    HANDLE_CONVERSATIONS,
    /** Run and cancel evaluations, and keep their datasets. */
    RUN_EVALUATIONS,
    /** Documents, their chunks and quick replies: what the assistant tells customers. */
    MANAGE_KNOWLEDGE,
    /** The assistant's settings, WhatsApp connections and their templates. */
    MANAGE_SETTINGS,
    MANAGE_USERS,
    MANAGE_API_KEYS,
    /** Erase a customer's data on their request. */
    ERASE_CUSTOMERS,
    /** Create tenants: the installation's operator only. */
    MANAGE_TENANTS
}
