package dev.grounded.ui.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.ProviderPreference;
import dev.grounded.tenant.AssistantSettings.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The installation's chat providers in the order the tenant wants them tried, or one pinned. A provider the tenant
 * named that is no longer configured drops out; with none configured the tenant's choice is kept as it was.
 */
final class ProvidersField extends CustomField<Providers> {

    private static final String NONE = "";

    private final ChatProviders chatProviders;
    private final Grid<ChatProvider> grid = new Grid<>();
    private final Select<String> pinned = new Select<>();
    private Providers shown = new Providers(List.of(), null);
    private List<String> order = List.of();
    private boolean presenting;

    ProvidersField(ChatProviders chatProviders) {
        this.chatProviders = chatProviders;
        grid.setId("settings-providers");
        grid.addColumn(ChatProvider::name).setHeader("Provider").setAutoWidth(true);
        grid.addColumn(p -> p.type() + " · " + p.model()).setHeader("Model").setFlexGrow(1);
        grid.addColumn(ChatProvider::keyHint).setHeader("API key").setAutoWidth(true);
        grid.addComponentColumn(this::moveButtons).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        List<String> choices = new ArrayList<>();
        choices.add(NONE);
        choices.addAll(chatProviders.names());
        pinned.setId("settings-pinned");
        pinned.setLabel("Failover");
        pinned.setMinWidth("16em");
        pinned.setItems(choices);
        pinned.setItemLabelGenerator(name -> name.equals(NONE) ? "Try them in this order" : "Only " + name);
        pinned.addValueChangeListener(change -> {
            if (!presenting) {
                updateValue();
            }
        });
        VerticalLayout layout = new VerticalLayout(grid, pinned);
        layout.setPadding(false);
        add(layout);
    }

    @Override
    protected Providers generateModelValue() {
        if (chatProviders.isEmpty()) {
            return shown;
        }
        String pin = pinned.getValue() == null || pinned.getValue().equals(NONE) ? null : pinned.getValue();
        return new Providers(order, pin);
    }

    @Override
    protected void setPresentationValue(Providers providers) {
        shown = providers == null ? new Providers(List.of(), null) : providers;
        order = chatProviders.chain(new ProviderPreference(shown.order(), null)).stream()
                .map(ChatProvider::name)
                .toList();
        showOrder();
        String pin = shown.pinned();
        presenting = true;
        try {
            pinned.setValue(pin != null && chatProviders.find(pin).isPresent() ? pin : NONE);
        } finally {
            presenting = false;
        }
        // The value is what the form saves: the tenant's order completed with the installation's providers.
        updateValue();
    }

    private void showOrder() {
        grid.setItems(order.stream()
                .map(chatProviders::find)
                .flatMap(Optional::stream)
                .toList());
    }

    private Component moveButtons(ChatProvider provider) {
        int index = order.indexOf(provider.name());
        Button up = new Button(VaadinIcon.ARROW_UP.create(), click -> move(index, -1));
        up.setAriaLabel("Try " + provider.name() + " earlier");
        up.setEnabled(index > 0);
        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), click -> move(index, 1));
        down.setAriaLabel("Try " + provider.name() + " later");
        down.setEnabled(index < order.size() - 1);
        for (Button button : List.of(up, down)) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(up, down);
    }

    private void move(int index, int by) {
        List<String> moved = new ArrayList<>(order);
        moved.add(index + by, moved.remove(index));
        order = List.copyOf(moved);
        showOrder();
        updateValue();
    }
}
