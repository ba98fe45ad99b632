package dev.grounded.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before an action that cannot be undone; Cancel and Escape leave everything as it was. */
final class Confirm {

    private Confirm() {}

    /** For deleting and removing: the confirm button is red. */
    static void destructive(String title, String consequence, String action, Runnable confirmed) {
        open(title, consequence, action, confirmed).setConfirmButtonTheme("error primary");
    }

    static void ask(String title, String consequence, String action, Runnable confirmed) {
        open(title, consequence, action, confirmed);
    }

    private static ConfirmDialog open(String title, String consequence, String action, Runnable confirmed) {
        ConfirmDialog dialog = new ConfirmDialog(title, consequence, action, event -> confirmed.run());
        dialog.setCancelable(true);
        dialog.open();
        return dialog;
    }
}
