package dev.grounded.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.ConnectionDraft;
import dev.grounded.channel.Provider;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.Channel;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationService;
import dev.grounded.evaluation.EvalDataset;
import dev.grounded.evaluation.EvaluationDatasets;
import dev.grounded.evaluation.EvaluationRuns;
import dev.grounded.knowledge.DocumentChunks;
import dev.grounded.knowledge.DocumentId;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.reply.Question;
import dev.grounded.reply.ReplyService;
import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantOnboarding;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.TenantSettingsService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.EmbeddedApplicationTest;
import dev.grounded.ui.accounts.ApiKeysView;
import dev.grounded.ui.accounts.TenantsView;
import dev.grounded.ui.accounts.UsersView;
import dev.grounded.ui.dashboard.DashboardView;
import dev.grounded.ui.evaluation.EvaluationsView;
import dev.grounded.ui.inbox.InboxView;
import dev.grounded.ui.knowledge.KnowledgeView;
import dev.grounded.ui.knowledge.QuickRepliesView;
import dev.grounded.ui.knowledge.RetrievalTestView;
import dev.grounded.ui.playground.PlaygroundView;
import dev.grounded.ui.settings.SettingsView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every REST endpoint and every console action, for every role: allowed or forbidden as the permission model says,
 * enforced by the server whatever a view shows. The endpoints are read from the application itself, so an endpoint
 * added without a row here fails the test; a console action added to a view gets its row in {@link #consoleActions}.
 */
class RoleMatrixIT extends EmbeddedApplicationTest {

    private static final TenantId TENANT = TenantId.of("matrix");
    private static final String PASSWORD = "matrix-password-0123";
    private static final List<Role> KEY_ROLES = List.of(Role.ADMIN, Role.AGENT, Role.QA);

    @Autowired
    TenantService tenants;

    @Autowired
    UserAccountService users;

    @Autowired
    TenantOnboarding onboarding;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ConversationService conversations;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    DocumentChunks chunks;

    @Autowired
    QuickReplyService quickReplies;

    @Autowired
    TenantSettingsService settings;

    @Autowired
    WhatsAppMessaging messaging;

    @Autowired
    EvaluationRuns runs;

    @Autowired
    EvaluationDatasets datasets;

    @Autowired
    ReplyService replies;

    @Autowired
    AccessAnnotationChecker accessChecker;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> contextStrategy;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Role, String> keys = new EnumMap<>(Role.class);
    private String connection;

    /** One request of the matrix: its method and path (as mapped), and how to make it for a role. */
    private record Call(String method, String pattern, Permission needs, Function<Role, String> path, String body) {}

    @BeforeEach
    void tenantWithAUserAndAKeyPerRole() {
        if (tenants.find(TENANT).isEmpty()) {
            tenants.create(TENANT, "Role matrix", false);
            for (Role role : Role.values()) {
                users.create(user(role), PASSWORD, TENANT, role);
            }
            connections.create(
                    TENANT,
                    new ConnectionDraft(
                            Provider.META,
                            "Matrix number",
                            Map.of("phoneNumberId", "4444", "businessAccountId", "5555"),
                            Map.of("accessToken", "t", "appSecret", "s", "verifyToken", "v")));
        }
        connection = connections.list(TENANT).getFirst().id().toString();
        for (Role role : KEY_ROLES) {
            keys.computeIfAbsent(
                    role, r -> apiKeys.create(TENANT, "matrix " + r, r).secret());
        }
    }

    private static String user(Role role) {
        return "matrix-" + role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A conversation per role, so one role's close does not change what another's calls meet. */
    private final Map<Role, String> conversationOf = new EnumMap<>(Role.class);

    private String conversation(Role role) {
        return conversationOf.computeIfAbsent(role, r -> conversations
                .open(TENANT, null, "+1555000" + r.ordinal(), Channel.API)
                .id()
                .toString());
    }

    private List<Call> calls() {
        String t = "/api/v1/tenants/{tenant}";
        String random = UUID.randomUUID().toString();
        String c = connection;
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", t + "/channels", Permission.READ, r -> "/channels", null));
        calls.add(new Call("POST", t + "/channels", Permission.MANAGE_SETTINGS, r -> "/channels", "{\"name\":\"x\"}"));
        calls.add(new Call("GET", t + "/channels/{id}", Permission.READ, r -> "/channels/" + c, null));
        calls.add(new Call(
                "PUT",
                t + "/channels/{id}",
                Permission.MANAGE_SETTINGS,
                r -> "/channels/" + c,
                "{\"provider\":\"waha\"}"));
        calls.add(
                new Call("DELETE", t + "/channels/{id}", Permission.MANAGE_SETTINGS, r -> "/channels/" + random, null));
        calls.add(new Call(
                "GET", t + "/channels/{id}/templates", Permission.READ, r -> "/channels/" + c + "/templates", null));
        calls.add(new Call(
                "PUT",
                t + "/channels/{id}/templates",
                Permission.MANAGE_SETTINGS,
                r -> "/channels/" + c + "/templates",
                "[{\"name\":\"NOT VALID\",\"language\":\"en\"}]"));
        calls.add(
                new Call("GET", t + "/channels/{id}/outbox", Permission.READ, r -> "/channels/" + c + "/outbox", null));
        calls.add(new Call(
                "POST",
                t + "/outbox/{message}/retry",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/outbox/" + random + "/retry",
                ""));
        calls.add(new Call(
                "POST",
                t + "/channels/{id}/session/{action}",
                Permission.MANAGE_SETTINGS,
                r -> "/channels/" + c + "/session/start",
                ""));
        calls.add(new Call(
                "GET",
                t + "/channels/{id}/session",
                Permission.MANAGE_SETTINGS,
                r -> "/channels/" + c + "/session",
                null));
        calls.add(new Call(
                "GET",
                t + "/channels/{id}/session/qr",
                Permission.MANAGE_SETTINGS,
                r -> "/channels/" + c + "/session/qr",
                null));
        calls.add(new Call(
                "GET",
                t + "/conversations/{id}/whatsapp",
                Permission.READ,
                r -> "/conversations/" + conversation(r) + "/whatsapp",
                null));
        calls.add(new Call(
                "POST",
                t + "/conversations/{id}/template",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/conversations/" + conversation(r) + "/template",
                "{\"agent\":\"m\",\"template\":\"none\",\"language\":\"en\"}"));
        calls.add(new Call("GET", t + "/settings", Permission.READ, r -> "/settings", null));
        calls.add(new Call("PUT", t + "/settings", Permission.MANAGE_SETTINGS, r -> "/settings", "{}"));
        calls.add(new Call(
                "POST", t + "/evaluations", Permission.RUN_EVALUATIONS, r -> "/evaluations", "{\"dataset\":\"none\"}"));
        calls.add(new Call("GET", t + "/evaluations", Permission.READ, r -> "/evaluations", null));
        calls.add(new Call("GET", t + "/evaluations/{id}", Permission.READ, r -> "/evaluations/" + random, null));
        calls.add(new Call(
                "GET",
                t + "/evaluations/{id}/progress",
                Permission.READ,
                r -> "/evaluations/" + random + "/progress",
                null));
        calls.add(new Call(
                "POST",
                t + "/evaluations/{id}/cancel",
                Permission.RUN_EVALUATIONS,
                r -> "/evaluations/" + random + "/cancel",
                ""));
        calls.add(new Call(
                "GET",
                t + "/evaluations/{id}/report.html",
                Permission.READ,
                r -> "/evaluations/" + random + "/report.html",
                null));
        calls.add(new Call(
                "GET",
                t + "/evaluations/compare",
                Permission.READ,
                r -> "/evaluations/compare?base=" + random + "&candidate=" + random,
                null));
        calls.add(new Call("GET", t + "/evaluation-datasets", Permission.READ, r -> "/evaluation-datasets", null));
        calls.add(new Call(
                "GET", t + "/evaluation-datasets/{name}", Permission.READ, r -> "/evaluation-datasets/none", null));
        calls.add(new Call(
                "PUT",
                t + "/evaluation-datasets/{name}",
                Permission.RUN_EVALUATIONS,
                r -> "/evaluation-datasets/matrix-" + r.name().toLowerCase(java.util.Locale.ROOT),
                "{\"id\":\"1\",\"question\":\"How fast is Fibre 1000?\",\"expected_answer\":\"1 Gbit/s\"}"));
        calls.add(new Call(
                "DELETE",
                t + "/evaluation-datasets/{name}",
                Permission.RUN_EVALUATIONS,
                r -> "/evaluation-datasets/none",
                null));
        calls.add(new Call("POST", t + "/search", Permission.READ, r -> "/search", "{\"query\":\"router\"}"));
        calls.add(new Call("POST", t + "/ask", Permission.ASK, r -> "/ask", "{\"question\":\"Do you sell routers?\"}"));
        calls.add(new Call("GET", t + "/documents", Permission.READ, r -> "/documents", null));
        calls.add(new Call("GET", t + "/documents/{id}", Permission.READ, r -> "/documents/" + random, null));
        calls.add(
                new Call("POST", t + "/documents/reindex", Permission.MANAGE_KNOWLEDGE, r -> "/documents/reindex", ""));
        calls.add(new Call(
                "DELETE", t + "/documents/{id}", Permission.MANAGE_KNOWLEDGE, r -> "/documents/" + random, null));
        calls.add(new Call(
                "GET", t + "/documents/{id}/chunks", Permission.READ, r -> "/documents/" + random + "/chunks", null));
        calls.add(new Call(
                "PATCH",
                t + "/documents/{id}/chunks/{index}",
                Permission.MANAGE_KNOWLEDGE,
                r -> "/documents/" + random + "/chunks/0",
                "{\"text\":\"changed\"}"));
        calls.add(new Call(
                "POST",
                t + "/documents/{id}/chunks/{index}/revert",
                Permission.MANAGE_KNOWLEDGE,
                r -> "/documents/" + random + "/chunks/0/revert",
                ""));
        calls.add(new Call("GET", t + "/quick-replies", Permission.READ, r -> "/quick-replies", null));
        calls.add(new Call(
                "POST",
                t + "/quick-replies",
                Permission.MANAGE_KNOWLEDGE,
                r -> "/quick-replies",
                "{\"label\":\"\",\"answer\":\"\"}"));
        calls.add(new Call("GET", t + "/quick-replies/{id}", Permission.READ, r -> "/quick-replies/" + random, null));
        calls.add(new Call(
                "PUT",
                t + "/quick-replies/{id}",
                Permission.MANAGE_KNOWLEDGE,
                r -> "/quick-replies/" + random,
                "{\"label\":\"l\",\"answer\":\"a\"}"));
        calls.add(new Call(
                "DELETE",
                t + "/quick-replies/{id}",
                Permission.MANAGE_KNOWLEDGE,
                r -> "/quick-replies/" + random,
                null));
        calls.add(new Call("GET", t + "/quick-replies/export", Permission.READ, r -> "/quick-replies/export", null));
        calls.add(new Call(
                "POST",
                t + "/customers/erase",
                Permission.ERASE_CUSTOMERS,
                r -> "/customers/erase",
                "{\"customer\":\"+15559999\"}"));
        calls.add(new Call("GET", t + "/conversations", Permission.READ, r -> "/conversations", null));
        calls.add(new Call(
                "GET", t + "/conversations/{id}", Permission.READ, r -> "/conversations/" + conversation(r), null));
        calls.add(new Call(
                "POST",
                t + "/conversations/{id}/takeover",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/conversations/" + conversation(r) + "/takeover",
                "{\"agent\":\"m\"}"));
        calls.add(new Call(
                "POST",
                t + "/conversations/{id}/messages",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/conversations/" + conversation(r) + "/messages",
                "{\"agent\":\"m\",\"text\":\"Hello from the matrix\"}"));
        calls.add(new Call(
                "POST",
                t + "/conversations/{id}/release",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/conversations/" + conversation(r) + "/release",
                ""));
        calls.add(new Call(
                "POST",
                t + "/conversations/{id}/close",
                Permission.HANDLE_CONVERSATIONS,
                r -> "/conversations/" + conversation(r) + "/close",
                ""));
        calls.add(new Call("GET", t + "/api-keys", Permission.MANAGE_API_KEYS, r -> "/api-keys", null));
        calls.add(new Call("POST", t + "/api-keys", Permission.MANAGE_API_KEYS, r -> "/api-keys", "{\"name\":\"\"}"));
        calls.add(new Call(
                "POST",
                t + "/api-keys/{id}/rotate",
                Permission.MANAGE_API_KEYS,
                r -> "/api-keys/" + random + "/rotate",
                ""));
        calls.add(
                new Call("DELETE", t + "/api-keys/{id}", Permission.MANAGE_API_KEYS, r -> "/api-keys/" + random, null));
        return calls;
    }

    /** Multipart endpoints, sent as files. */
    private static final Set<String> MULTIPART = Set.of(
            "POST /api/v1/tenants/{tenant}/documents",
            "PUT /api/v1/tenants/{tenant}/documents/{id}",
            "POST /api/v1/tenants/{tenant}/quick-replies/import");

    @Test
    void everyRestEndpointIsInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
                }
            }
        }
        Set<String> covered = new TreeSet<>(MULTIPART);
        calls().forEach(c -> covered.add(c.method() + " " + c.pattern()));
        assertThat(covered).as("endpoints in the matrix").isEqualTo(mapped);
    }

    @Test
    void everyRoleMeetsItsPermissionsOnEveryRestEndpoint() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Role role : KEY_ROLES) {
            for (Call call : calls()) {
                int status = send(role, call.method(), call.path().apply(role), call.body());
                check(wrong, role, call.method() + " " + call.pattern(), role.may(call.needs()), status);
            }
            check(
                    wrong,
                    role,
                    "POST documents",
                    role.may(Permission.MANAGE_KNOWLEDGE),
                    upload(role, "/documents", "POST"));
            check(
                    wrong,
                    role,
                    "PUT documents/{id}",
                    role.may(Permission.MANAGE_KNOWLEDGE),
                    upload(role, "/documents/" + UUID.randomUUID(), "PUT"));
            check(
                    wrong,
                    role,
                    "POST quick-replies/import",
                    role.may(Permission.MANAGE_KNOWLEDGE),
                    upload(role, "/quick-replies/import", "POST"));
        }
        assertThat(wrong)
                .as("role, endpoint: allowed or forbidden against the permission model")
                .isEmpty();
    }

    @Test
    void aKeyOfAnotherTenantIsRefusedEverywhere() throws Exception {
        for (Call call : calls()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/"
                            + TENANT.value() + call.path().apply(Role.ADMIN)))
                    .header("Authorization", "Bearer " + API_KEY)
                    .header("Content-Type", "application/json")
                    .method(call.method(), body(call.body()))
                    .build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .as(call.method() + " " + call.pattern())
                    .isEqualTo(403);
        }
    }

    /** What each console view's buttons and fields call, as the view calls it. */
    private Map<String, Map.Entry<Permission, Runnable>> consoleActions() {
        DocumentId noDocument = DocumentId.parse(UUID.randomUUID().toString());
        ConversationId noConversation = ConversationId.parse(UUID.randomUUID().toString());
        var noConnection =
                dev.grounded.channel.ConnectionId.parse(UUID.randomUUID().toString());
        Map<String, Map.Entry<Permission, Runnable>> actions = new LinkedHashMap<>();
        String opened = "m-" + UUID.randomUUID().toString().substring(0, 8);
        actions.put(
                "Knowledge: upload",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> knowledge.upload(TENANT, "a.txt", new byte[0])));
        actions.put(
                "Knowledge: replace",
                Map.entry(
                        Permission.MANAGE_KNOWLEDGE,
                        () -> knowledge.replace(TENANT, noDocument, "a.txt", new byte[0])));
        actions.put(
                "Knowledge: delete",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> knowledge.delete(TENANT, noDocument)));
        actions.put(
                "Knowledge: re-index all", Map.entry(Permission.MANAGE_KNOWLEDGE, () -> knowledge.reindexAll(TENANT)));
        actions.put(
                "Chunks: edit",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> chunks.edit(TENANT, noDocument, 0, "x", "m")));
        actions.put(
                "Chunks: switch off",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> chunks.enable(TENANT, noDocument, 0, false, "m")));
        actions.put(
                "Chunks: revert", Map.entry(Permission.MANAGE_KNOWLEDGE, () -> chunks.revert(TENANT, noDocument, 0)));
        actions.put(
                "Quick replies: add",
                Map.entry(
                        Permission.MANAGE_KNOWLEDGE,
                        () -> quickReplies.create(TENANT, new QuickReplyDraft("", "", null, List.of()))));
        actions.put(
                "Quick replies: edit",
                Map.entry(
                        Permission.MANAGE_KNOWLEDGE,
                        () -> quickReplies.update(
                                TENANT, UUID.randomUUID(), new QuickReplyDraft("l", "a", null, List.of()))));
        actions.put(
                "Quick replies: delete",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> quickReplies.delete(TENANT, UUID.randomUUID())));
        actions.put(
                "Quick replies: import",
                Map.entry(Permission.MANAGE_KNOWLEDGE, () -> quickReplies.importFile(TENANT, "q.csv", new byte[0])));
        actions.put(
                "Settings: save",
                Map.entry(Permission.MANAGE_SETTINGS, () -> settings.save(TENANT, settings.get(TENANT))));
        actions.put(
                "Connections: add",
                Map.entry(
                        Permission.MANAGE_SETTINGS,
                        () -> connections.create(TENANT, new ConnectionDraft(null, "x", Map.of(), Map.of()))));
        actions.put(
                "Connections: edit",
                Map.entry(
                        Permission.MANAGE_SETTINGS,
                        () -> connections.update(
                                TENANT, noConnection, new ConnectionDraft(null, "x", Map.of(), Map.of()))));
        actions.put(
                "Connections: delete",
                Map.entry(Permission.MANAGE_SETTINGS, () -> connections.delete(TENANT, noConnection)));
        actions.put(
                "Connections: templates",
                Map.entry(
                        Permission.MANAGE_SETTINGS,
                        () -> connections.replaceTemplates(TENANT, noConnection, List.of())));
        actions.put(
                "Connections: WAHA session",
                Map.entry(Permission.MANAGE_SETTINGS, () -> connections.session(TENANT, noConnection, "start")));
        actions.put(
                "Connections: WAHA status",
                Map.entry(Permission.MANAGE_SETTINGS, () -> connections.refreshSession(TENANT, noConnection)));
        actions.put(
                "Connections: QR code",
                Map.entry(Permission.MANAGE_SETTINGS, () -> connections.qrCode(TENANT, noConnection)));
        actions.put("Users: list", Map.entry(Permission.MANAGE_USERS, () -> users.list(TENANT)));
        actions.put("Users: add", Map.entry(Permission.MANAGE_USERS, () -> users.invite(TENANT, "x", Role.AGENT)));
        actions.put("Users: remove", Map.entry(Permission.MANAGE_USERS, () -> users.remove(TENANT, "nobody-here")));
        actions.put(
                "Users: change role",
                Map.entry(Permission.MANAGE_USERS, () -> users.changeRole(TENANT, "nobody-here", Role.QA)));
        actions.put(
                "Users: new password",
                Map.entry(Permission.MANAGE_USERS, () -> users.resetPassword(TENANT, "nobody-here")));
        actions.put("API keys: list", Map.entry(Permission.MANAGE_API_KEYS, () -> apiKeys.list(TENANT)));
        actions.put(
                "API keys: create", Map.entry(Permission.MANAGE_API_KEYS, () -> apiKeys.create(TENANT, "", Role.QA)));
        actions.put(
                "API keys: rotate",
                Map.entry(Permission.MANAGE_API_KEYS, () -> apiKeys.rotate(TENANT, UUID.randomUUID())));
        actions.put(
                "API keys: revoke",
                Map.entry(Permission.MANAGE_API_KEYS, () -> apiKeys.revoke(TENANT, UUID.randomUUID())));
        actions.put(
                "Inbox: take over",
                Map.entry(Permission.HANDLE_CONVERSATIONS, () -> conversations.takeOver(TENANT, noConversation, "m")));
        actions.put(
                "Inbox: release",
                Map.entry(Permission.HANDLE_CONVERSATIONS, () -> conversations.release(TENANT, noConversation)));
        actions.put(
                "Inbox: close",
                Map.entry(Permission.HANDLE_CONVERSATIONS, () -> conversations.close(TENANT, noConversation)));
        actions.put(
                "Inbox: reply",
                Map.entry(
                        Permission.HANDLE_CONVERSATIONS,
                        () -> conversations.agentReply(TENANT, noConversation, "m", "x")));
        actions.put(
                "Inbox: send template",
                Map.entry(
                        Permission.HANDLE_CONVERSATIONS,
                        () -> messaging.sendTemplate(TENANT, noConversation, "m", "t", "en", List.of())));
        actions.put(
                "Inbox: retry a send",
                Map.entry(Permission.HANDLE_CONVERSATIONS, () -> messaging.retry(TENANT, UUID.randomUUID())));
        actions.put(
                "Inbox: erase customer",
                Map.entry(Permission.ERASE_CUSTOMERS, () -> conversations.eraseCustomerOf(TENANT, noConversation)));
        actions.put("Evaluations: run", Map.entry(Permission.RUN_EVALUATIONS, () -> runs.start(TENANT, "none")));
        actions.put(
                "Evaluations: cancel",
                Map.entry(Permission.RUN_EVALUATIONS, () -> runs.cancel(TENANT, UUID.randomUUID())));
        actions.put(
                "Evaluations: upload dataset",
                Map.entry(
                        Permission.RUN_EVALUATIONS,
                        () -> datasets.save(
                                TENANT,
                                EvalDataset.parse(
                                        "m.jsonl",
                                        "{\"id\":\"1\",\"question\":\"q\",\"expected_answer\":\"a\"}"
                                                .getBytes(StandardCharsets.UTF_8)))));
        actions.put(
                "Evaluations: delete dataset",
                Map.entry(Permission.RUN_EVALUATIONS, () -> datasets.delete(TENANT, "none")));
        actions.put(
                "Playground: ask",
                Map.entry(
                        Permission.ASK,
                        () -> replies.ask(
                                TENANT, new Question("Do you sell routers?", null, null, Channel.PLAYGROUND, "en"))));
        actions.put("Retrieval test", Map.entry(Permission.READ, () -> replies.testRetrieval(TENANT, "router")));
        actions.put(
                "Tenants: open",
                Map.entry(Permission.MANAGE_TENANTS, () -> onboarding.open(opened, "Opened", opened + "-admin")));
        return actions;
    }

    @Test
    void everyRoleMeetsItsPermissionsInEveryConsoleAction() {
        SecurityContextHolderStrategy contexts =
                contextStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            var context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user(role), null, AuthorityUtils.createAuthorityList("ROLE_" + role.name())));
            contexts.setContext(context);
            try {
                for (var action : consoleActions().entrySet()) {
                    boolean denied;
                    try {
                        action.getValue().getValue().run();
                        denied = false;
                    } catch (AccessDeniedException e) {
                        denied = true;
                    } catch (RuntimeException refusedForAnotherReason) {
                        denied = false;
                    }
                    boolean expected = role.may(action.getValue().getKey());
                    if (denied == expected) {
                        wrong.put(role + " " + action.getKey(), expected ? "forbidden" : "allowed");
                    }
                }
            } finally {
                contexts.clearContext();
            }
        }
        assertThat(wrong)
                .as("role, console action: allowed or forbidden against the permission model")
                .isEmpty();
    }

    @Test
    void everyViewOpensForTheRolesThatMayUseIt() {
        Map<Class<?>, Set<Role>> views = new LinkedHashMap<>();
        EnumSet<Role> everyone = EnumSet.allOf(Role.class);
        EnumSet<Role> admins = EnumSet.of(Role.ADMIN, Role.OPERATOR);
        views.put(DashboardView.class, everyone);
        views.put(InboxView.class, everyone);
        views.put(KnowledgeView.class, everyone);
        views.put(QuickRepliesView.class, everyone);
        views.put(RetrievalTestView.class, everyone);
        views.put(PlaygroundView.class, everyone);
        views.put(EvaluationsView.class, everyone);
        views.put(SettingsView.class, admins);
        views.put(UsersView.class, admins);
        views.put(ApiKeysView.class, admins);
        views.put(TenantsView.class, EnumSet.of(Role.OPERATOR));
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            Set<String> authorities = role == Role.OPERATOR ? Set.of("OPERATOR", "ADMIN") : Set.of(role.name());
            Principal principal = () -> user(role);
            views.forEach((view, roles) -> {
                boolean opens = accessChecker.hasAccess(view, principal, authorities::contains);
                if (opens != roles.contains(role)) {
                    wrong.put(role + " " + view.getSimpleName(), opens ? "opens" : "refused");
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The operations endpoints: Prometheus and health's details for operators (HTTP Basic with their console
     * credentials), health's status for anyone, the API's description for signed-in admins.
     */
    @Test
    void operationsEndpointsAreTheOperatorsAndTheApiDescriptionTheAdmins() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>();
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).body()).doesNotContain("components");
        for (Role role : Role.values()) {
            String basic = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString((user(role) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            boolean operator = role == Role.OPERATOR;
            int metrics = get("/actuator/prometheus", basic).statusCode();
            if (metrics != (operator ? 200 : 403)) {
                wrong.put(role + " GET /actuator/prometheus", "HTTP " + metrics);
            }
            boolean details = get("/actuator/health", basic).body().contains("components");
            if (details != operator) {
                wrong.put(role + " GET /actuator/health", details ? "details shown" : "details hidden");
            }
            int apiDocs = signedInGet(role, "/v3/api-docs");
            if (apiDocs != (role.administers() ? 200 : 403)) {
                wrong.put(role + " GET /v3/api-docs", "HTTP " + apiDocs);
            }
        }
        assertThat(wrong)
                .as("role, endpoint: against the operations permissions")
                .isEmpty();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} in a console session of the role's user, signed in through the login form. */
    private int signedInGet(Role role, String path) throws Exception {
        var browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(login);
        assertThat(token.find()).as("the login page's CSRF token").isTrue();
        String form = "username=" + user(role) + "&password=" + PASSWORD + "&_csrf="
                + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        var signIn = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signIn.headers().firstValue("Location").orElse(""))
                .as("where %s lands after signing in", role)
                .doesNotContain("error");
        return browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void check(Map<String, String> wrong, Role role, String what, boolean allowed, int status) {
        if (status == 401 || allowed == (status == 403)) {
            wrong.put(role + " " + what, "HTTP " + status + " though " + (allowed ? "allowed" : "forbidden"));
        }
    }

    private int send(Role role, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/tenants/" + TENANT.value() + path))
                .header("Authorization", "Bearer " + keys.get(role))
                .header(
                        "Content-Type",
                        path.startsWith("/evaluation-datasets") ? "application/x-ndjson" : "application/json")
                .header("Accept", "*/*")
                .method(method, body(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int upload(Role role, String path, String method) throws Exception {
        String boundary = "matrix" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nlabel,answer\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/tenants/" + TENANT.value() + path))
                .header("Authorization", "Bearer " + keys.get(role))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest.BodyPublisher body(String body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }
}
