package dev.grounded.ui.playground;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.conversation.Channel;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Question;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyService;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.NoProviderNotice;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Ask the tenant's bot as a customer would, and see where the answer came from. */
@Route("playground")
@PageTitle("Playground · Grounded")
@PermitAll
public class PlaygroundView extends VerticalLayout {

    private static final String DETECT = "detect";

    private final ReplyService replies;
    private final TenantId tenant;
    private final TextField question = new TextField();
    private final Select<String> language = new Select<>();
    private final TextField phone = new TextField();
    private final Div transcript = new Div();
    private final Div answer = new Div();
    /** The exchange on show, which moves to the transcript when the next question is asked. */
    private String lastAsked;

    private Reply lastReply;
    /** The conversation the next question continues, so follow-ups work here as on WhatsApp. */
    private String conversationId;

    public PlaygroundView(
            ReplyService replies, LanguageDetector languages, CurrentTenant currentTenant, ChatProviders providers) {
        this.replies = replies;
        this.tenant = currentTenant.id();

        // As a customer: the language their phone would be known in, and a number that makes them one customer
        // across questions (a handoff then reaches the inbox like a WhatsApp one).
        language.setId("customer-language");
        language.setLabel("Customer's language");
        List<String> choices = new ArrayList<>();
        choices.add(DETECT);
        choices.addAll(languages.supported());
        language.setItems(choices);
        language.setItemLabelGenerator(code -> code.equals(DETECT)
                ? "Detect from the message"
                : Locale.of(code).getDisplayLanguage(Locale.ENGLISH) + " (" + code + ")");
        language.setValue(DETECT);
        phone.setId("customer-phone");
        phone.setLabel("Customer's phone (made up)");
        phone.setHelperText("With one, a handoff reaches the Inbox");
        phone.setPlaceholder("+34 600 000 000");
        phone.setAllowedCharPattern("[0-9+ ]");
        phone.setMaxLength(20);
        phone.addValueChangeListener(change -> conversationId = null);
        // Wide enough for their labels and values; on a phone each takes the row.
        language.setWidth("16em");
        language.getStyle().set("max-width", "100%");
        phone.setWidth("16em");
        phone.getStyle().set("max-width", "100%");
        HorizontalLayout customer = new HorizontalLayout(language, phone);
        customer.setWrap(true);

        question.setId("question");
        question.setPlaceholder("Ask as a customer would, in any language");
        // Grows to the row's width; on a phone the buttons wrap below it.
        question.setWidth("15em");
        question.setMaxLength(4000);
        Button ask = new Button("Ask", click -> ask());
        ask.setId("ask");
        ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ask.addClickShortcut(Key.ENTER);
        Button restart = new Button("New conversation", click -> {
            conversationId = null;
            lastReply = null;
            answer.removeAll();
            transcript.removeAll();
            question.focus();
        });
        restart.setId("new-conversation");
        HorizontalLayout form = new HorizontalLayout(question, ask, restart);
        form.setWidthFull();
        form.setWrap(true);
        form.expand(question);

        transcript.setId("transcript");
        transcript.setWidthFull();
        answer.setId("answer");
        answer.setWidthFull();
        add(new H2("Playground"));
        NoProviderNotice.when(providers, "playground-no-provider").ifPresent(this::add);
        add(customer, form, transcript, answer);
    }

    private void ask() {
        String text = question.getValue();
        if (text == null || text.isBlank()) {
            question.setInvalid(true);
            question.setErrorMessage("Type a question first");
            return;
        }
        question.setInvalid(false);
        String from = phone.getValue() == null || phone.getValue().isBlank()
                ? null
                : phone.getValue().strip();
        if (from != null && from.replaceAll("\\D", "").length() < 7) {
            phone.setInvalid(true);
            phone.setErrorMessage("A phone number has at least 7 digits");
            return;
        }
        phone.setInvalid(false);
        Reply reply = replies.ask(
                tenant,
                new Question(
                        text,
                        conversationId,
                        from,
                        Channel.PLAYGROUND,
                        DETECT.equals(language.getValue()) ? null : language.getValue()));
        conversationId = reply.conversationId();
        question.clear();
        show(text, reply);
    }

    private void show(String asked, Reply reply) {
        if (lastReply != null) {
            transcript.add(earlier(lastAsked, lastReply));
        }
        lastAsked = asked;
        lastReply = reply;
        answer.removeAll();
        Paragraph you = new Paragraph("You: " + asked);
        you.addClassName("asked-text");
        you.getStyle().set("color", "var(--lumo-secondary-text-color)");
        answer.add(you);
        Paragraph text = new Paragraph(
                reply.answer() != null
                        ? reply.answer()
                        : "(The bot stays silent: a person is handling this conversation.)");
        text.addClassName("answer-text");
        text.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-l)");

        Span meta = new Span(reply.outcome().code().replace('_', ' ') + " · by " + reply.provider()
                + (reply.degraded() ? " (degraded)" : "")
                + " · language " + reply.language().toUpperCase(Locale.ROOT)
                + " · " + reply.latencyMs() + " ms"
                + (reply.handoff().required()
                        ? " · handoff: " + reply.handoff().reason().code() + " ("
                                + reply.handoff().detail() + ")"
                        : ""));
        meta.addClassName("answer-meta");
        if (reply.handoff().required() && reply.conversationId() != null && phone.isEmpty()) {
            meta.add(" · without a phone number this try stays out of the Inbox");
        }
        if (reply.trace().rewrittenQuery() != null) {
            meta.add(" · searched for: " + reply.trace().rewrittenQuery());
        }
        meta.getStyle().set("color", "var(--lumo-secondary-text-color)");
        answer.add(text, meta);

        if (!reply.sources().isEmpty()) {
            VerticalLayout sources = new VerticalLayout();
            sources.setPadding(false);
            sources.setSpacing(false);
            sources.setId("sources");
            sources.add(new Span("Sources"));
            for (Reply.Source source : reply.sources()) {
                Div item = new Div();
                item.addClassName("source");
                Span title = new Span(source.title() + String.format(Locale.ROOT, " (%.2f)", source.score()));
                title.getStyle().set("font-weight", "600");
                Paragraph snippet = new Paragraph(source.snippet());
                snippet.getStyle()
                        .set("margin", "0 0 var(--lumo-space-s) 0")
                        .set("color", "var(--lumo-secondary-text-color)");
                item.add(title, snippet);
                sources.add(item);
            }
            answer.add(sources);
        }
    }

    /** An earlier exchange of this conversation, shown compactly above the latest. */
    private static Div earlier(String asked, Reply reply) {
        Div exchange = new Div();
        exchange.addClassName("transcript-exchange");
        Paragraph you = new Paragraph("You: " + asked);
        you.addClassName("transcript-question");
        Paragraph bot = new Paragraph("Bot: "
                + (reply.answer() != null ? reply.answer() : "(silent: a person is handling this conversation)"));
        bot.addClassName("transcript-answer");
        Span meta = new Span(reply.outcome().code().replace('_', ' ') + " · by " + reply.provider()
                + (reply.handoff().required()
                        ? " · handoff: " + reply.handoff().reason().code()
                        : ""));
        meta.addClassName("transcript-meta");
        exchange.add(you, bot, meta);
        return exchange;
    }
}
